package io.twinbridge.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.http.AdminAuth;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("flow")
class TenantsCommandTest {
    private static final Path EXAMPLE = Path.of("..", "ditto-config", "tenants.example.json");
    private static final String TOKEN = "cli-test-token-0123456789";

    private final CapturedConsole io = new CapturedConsole();
    private final Console console = io.console();

    @TempDir
    Path dir;

    private int run(String... args) throws Exception {
        return new TenantsCommand(Map.of()).run(List.of(args), console);
    }

    @Test
    void validateAcceptsTheShippedExample() throws Exception {
        assertEquals(ExitCodes.OK, run("validate", EXAMPLE.toString()));
        assertTrue(io.out().contains("2 tenant(s): acme, globex"), io::out);
    }

    @Test
    void validateListsEveryProblemWithItsPointer() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"tenants\":[{\"id\":\"a/b\",\"namespaces\":[\"x\"],\"roles\":{}},"
                + "{\"id\":\"c\",\"namespaces\":[\"x\"],\"roles\":{}}]}", StandardCharsets.UTF_8);
        assertEquals(ExitCodes.INVALID_DOCUMENT, run("validate", bad.toString()));
        String errors = io.err();
        assertTrue(errors.contains("/tenants/0/id"), errors);
    }

    @Test
    void aMissingFileHasItsOwnExitCode() throws Exception {
        assertEquals(ExitCodes.FILE_UNREADABLE, run("validate", dir.resolve("nope.json").toString()));
        assertTrue(io.err().contains("cannot read"));
    }

    @Test
    void renderPrintsAllPoliciesAsOneArrayTheSameEveryTime() throws Exception {
        assertEquals(ExitCodes.OK, run("render", EXAMPLE.toString()));
        String first = io.out();
        JsonArray policies = JsonFactory.newArray(first.strip());
        assertEquals(2, policies.getSize());
        assertEquals("acme:tenant-policy", policies.get(0).orElseThrow().asObject().getValue("policyId")
                .orElseThrow().asString());
        io.resetOut();
        assertEquals(ExitCodes.OK, run("render", EXAMPLE.toString()));
        assertEquals(first, io.out());
    }

    @Test
    void applyNeedsAGatewayAndAToken() {
        org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> run("apply", EXAMPLE.toString()));
        org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> run("apply", EXAMPLE.toString(), "--gateway", "http://127.0.0.1:1"));
    }

    @Test
    void applyToAnUnreachableGatewayHasItsOwnExitCode() throws Exception {
        assertEquals(ExitCodes.GATEWAY_UNREACHABLE, run("apply", EXAMPLE.toString(), "--gateway",
                "http://127.0.0.1:" + unusedPort(), "--token", TOKEN));
    }

    @Test
    void applySendsEveryTenantAndABadTokenIsRefused() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            Gateway gateway = Gateway.start(GatewayConfig.fromEnv(Map.of(
                    "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + unusedPort(),
                    "TWINBRIDGE_DITTO_ENDPOINT", sandbox.wsUrl(),
                    "TWINBRIDGE_HTTP_PORT", "0",
                    "TWINBRIDGE_INGEST_ENABLED", "false",
                    "TWINBRIDGE_ADMIN_PRINCIPALS", "ops:*:" + AdminAuth.hash(TOKEN)))).await(30, TimeUnit.SECONDS);
            try {
                String url = "http://127.0.0.1:" + gateway.httpPort();
                assertEquals(ExitCodes.NOT_AUTHORIZED, run("apply", EXAMPLE.toString(), "--gateway", url,
                        "--token", "wrong"));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                        .until(gateway.ditto()::isConnected);
                assertEquals(ExitCodes.OK, run("apply", EXAMPLE.toString(), "--gateway", url, "--token", TOKEN),
                        io::err);
                assertTrue(io.out().contains("globex: created"), io::out);
                assertTrue(gateway.tenants().list().size() == 2);
                assertTrue(sandbox.store().policy(org.eclipse.ditto.policies.model.PolicyId.of(
                        "globex:tenant-policy")).isPresent());
            } finally {
                gateway.stop().await(15, TimeUnit.SECONDS);
            }
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
