package io.twinbridge.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DashboardCredentialsTest {
    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicAuthGivesUserAndPasswordAndTheSameKeyForTheSameHeader() {
        DashboardCredentials viewer = DashboardCredentials.parse(basic("acme-viewer:pa:ss")).orElseThrow();
        assertEquals("acme-viewer", viewer.user());
        assertEquals(Optional.of("pa:ss"), viewer.password(), "a password may hold colons");
        assertEquals(Optional.empty(), viewer.bearerToken());
        assertEquals(viewer.key(), DashboardCredentials.parse(basic("acme-viewer:pa:ss")).orElseThrow().key());
        assertNotEquals(viewer.key(), DashboardCredentials.parse(basic("acme-viewer:other")).orElseThrow().key(),
                "another password is another session, never the open one");
        assertFalse(viewer.toString().contains("pa:ss"), viewer.toString());
    }

    @Test
    void anythingElseIsNoSignIn() {
        for (String header : new String[] {null, "", "Basic", "Basic !!!not-base64", basic("no-colon"),
                basic(":password-without-user"), "Bearer ", "Digest username=\"x\"", "Negotiate abc"}) {
            assertTrue(DashboardCredentials.parse(header).isEmpty(), String.valueOf(header));
        }
    }
}
