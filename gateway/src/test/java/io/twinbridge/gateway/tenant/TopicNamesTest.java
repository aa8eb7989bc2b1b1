package io.twinbridge.gateway.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.tenant.TenantId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {
    private final TopicNames names = new TopicNames("twinbridge");

    @Test
    void namesEveryTopicOfATenant() {
        TenantId acme = TenantId.of("acme");
        assertEquals("twinbridge.telemetry.acme", names.telemetry(acme));
        assertEquals("twinbridge.dlq.acme", names.deadLetter(acme));
        assertEquals("twinbridge.twin-events.acme", names.twinEvents(acme));
        assertEquals("twinbridge.commands.acme", names.commands(acme));
        assertEquals("twinbridge.dlq.acme", names.deadLetterFor("twinbridge.telemetry.acme"));
    }

    @Test
    void takesTheTenantFromTheTopicOnly() {
        assertEquals(Optional.of(TenantId.of("globex-2")), names.tenantOfTelemetry("twinbridge.telemetry.globex-2"));
        assertTrue(names.telemetryPattern().matcher("twinbridge.telemetry.acme").matches());
        assertFalse(names.telemetryPattern().matcher("twinbridgeXtelemetry.acme").matches(), "prefix is quoted");
        assertFalse(names.telemetryPattern().matcher("twinbridge.dlq.acme").matches());
    }

    @Test
    void followsOnlyTheGivenTenants() {
        var pattern = names.telemetryPattern(java.util.List.of(TenantId.of("acme"), TenantId.of("globex")));
        assertTrue(pattern.matcher("twinbridge.telemetry.acme").matches());
        assertTrue(pattern.matcher("twinbridge.telemetry.globex").matches());
        assertFalse(pattern.matcher("twinbridge.telemetry.initech").matches());
        assertFalse(pattern.matcher("twinbridge.telemetry.acme2").matches());
        assertFalse(names.telemetryPattern(java.util.List.of()).matcher("twinbridge.telemetry.acme").matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"twinbridge.telemetry.", "twinbridge.telemetry.Acme", "twinbridge.telemetry.a/b",
        "other.telemetry.acme", "twinbridge.dlq.acme"})
    void rejectsTopicsThatAreNotTelemetryOfAValidTenant(String topic) {
        assertEquals(Optional.empty(), names.tenantOfTelemetry(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "a/b", "../x", "a b", "1abc"})
    void tenantIdsAreRestricted(String id) {
        assertThrows(IllegalArgumentException.class, () -> TenantId.of(id));
    }
}
