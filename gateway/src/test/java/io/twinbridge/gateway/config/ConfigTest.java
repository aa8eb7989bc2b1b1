package io.twinbridge.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWithoutFileOrEnvironment() {
        GatewayConfig cfg = GatewayConfig.load(Optional.empty(), Map.of());

        assertEquals("127.0.0.1:9092", cfg.kafka().bootstrapServers());
        assertEquals("twinbridge", cfg.kafka().topicPrefix());
        assertEquals("twinbridge-gateway", cfg.kafka().groupId());
        assertEquals(Map.of(), cfg.kafka().clientProperties());
        assertEquals(URI.create("ws://127.0.0.1:8080/ws/2"), cfg.ditto().endpoint());
        assertEquals(URI.create("http://127.0.0.1:8080"), cfg.ditto().httpEndpoint());
        assertEquals("ditto", cfg.ditto().username());
        assertEquals("ditto", cfg.ditto().password());
        assertEquals(Duration.ofSeconds(10), cfg.ditto().connectTimeout());
        assertEquals(new HttpConfig("127.0.0.1", 8088), cfg.http());
        assertEquals(Duration.ofSeconds(1), cfg.readiness().checkInterval());
        assertEquals(List.of("acme", "globex"), cfg.tenants());
        assertEquals("default", cfg.sourceOf(ConfigKey.HTTP_PORT));
    }

    @Test
    void fileOverridesDefaultsWithNestedAndDottedKeys() throws IOException {
        Path file = yaml("""
                kafka:
                  bootstrap-servers: b1:9092,b2:9093
                  client:
                    security.protocol: SASL_SSL
                ditto.connect-timeout: 500ms
                http:
                  port: 0
                tenants: [north, south]
                """);

        GatewayConfig cfg = GatewayConfig.load(Optional.of(file), Map.of());

        assertEquals("b1:9092,b2:9093", cfg.kafka().bootstrapServers());
        assertEquals(Map.of("security.protocol", "SASL_SSL"), cfg.kafka().clientProperties());
        assertEquals(Duration.ofMillis(500), cfg.ditto().connectTimeout());
        assertEquals(0, cfg.http().port());
        assertEquals(List.of("north", "south"), cfg.tenants());
        assertEquals("file " + file + " line 7, column 9", cfg.sourceOf(ConfigKey.HTTP_PORT));
        assertEquals("twinbridge", cfg.kafka().topicPrefix());
    }

    @Test
    void environmentOverridesFile() throws IOException {
        Path file = yaml("http:\n  port: 9000\nkafka:\n  group-id: from-file\n");

        GatewayConfig cfg = GatewayConfig.load(Optional.of(file),
                Map.of("TWINBRIDGE_HTTP_PORT", "9001", "TWINBRIDGE_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN"));

        assertEquals(9001, cfg.http().port());
        assertEquals("env TWINBRIDGE_HTTP_PORT", cfg.sourceOf(ConfigKey.HTTP_PORT));
        assertEquals("from-file", cfg.kafka().groupId());
        assertEquals("PLAIN", cfg.kafka().clientProperties().get("sasl.mechanism"));
    }

    static Stream<Arguments> plainKeys() {
        return Arrays.stream(ConfigKey.values()).filter(k -> !k.isPrefix()).map(k -> Arguments.of(k, alternative(k)));
    }

    @ParameterizedTest
    @MethodSource("plainKeys")
    void everyKeyHasAWorkingDerivedEnvironmentVariable(ConfigKey key, String alternative) {
        GatewayConfig defaults = GatewayConfig.load(Optional.empty(), Map.of());

        GatewayConfig cfg = GatewayConfig.load(Optional.empty(), Map.of(key.envVar(), alternative));

        assertEquals("env " + key.envVar(), cfg.sourceOf(key));
        assertEquals(key.type().parse(alternative), cfg.value(key));
        assertNotEquals(defaults.value(key), cfg.value(key));
    }

    @Test
    void environmentVariableNamesAreDerivedFromKeys() {
        assertEquals("TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", ConfigKey.KAFKA_BOOTSTRAP_SERVERS.envVar());
        assertEquals("TWINBRIDGE_READINESS_CHECK_INTERVAL", ConfigKey.READINESS_CHECK_INTERVAL.envVar());
    }

    @Test
    void badValueFromEnvironmentNamesKeySourceAndReason() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> GatewayConfig.load(Optional.empty(), Map.of("TWINBRIDGE_HTTP_PORT", "70000")));

        assertEquals("http.port", e.key());
        assertEquals("env TWINBRIDGE_HTTP_PORT", e.source());
        assertTrue(e.getMessage().contains("70000 is not a TCP port"), e.getMessage());
    }

    @Test
    void badValueFromFileNamesKeyFileAndLine() throws IOException {
        Path file = yaml("ditto:\n  username: gw\n  connect-timeout: ten seconds\n");

        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(Optional.of(file), Map.of()));

        assertEquals("ditto.connect-timeout", e.key());
        assertEquals("file " + file + " line 3, column 20", e.source());
        assertTrue(e.getMessage().contains("'ten seconds' is not a duration"), e.getMessage());
    }

    @Test
    void badUriAndBadTenantAreRefused() {
        ConfigException scheme = assertThrows(ConfigException.class, () -> GatewayConfig.load(Optional.empty(),
                Map.of("TWINBRIDGE_DITTO_ENDPOINT", "http://127.0.0.1:8080/ws/2")));
        assertEquals("ditto.endpoint", scheme.key());
        assertTrue(scheme.reason().contains("scheme 'http'"), scheme.reason());

        ConfigException tenant = assertThrows(ConfigException.class,
                () -> GatewayConfig.load(Optional.empty(), Map.of("TWINBRIDGE_TENANTS", "acme,Bad Tenant")));
        assertEquals("tenants", tenant.key());
        assertTrue(tenant.reason().contains("'Bad Tenant' is not a tenant id"), tenant.reason());
    }

    @Test
    void unknownKeyInFileIsAnErrorWithASuggestion() throws IOException {
        Path file = yaml("kafka:\n  bootstrap-server: b1:9092\n");

        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(Optional.of(file), Map.of()));

        assertEquals("kafka.bootstrap-server", e.key());
        assertTrue(e.getMessage().contains("unknown key; did you mean 'kafka.bootstrap-servers'?"), e.getMessage());
        assertTrue(e.source().startsWith("file " + file + " line 2"), e.source());
    }

    @Test
    void unknownEnvironmentVariableIsOnlyAWarning() {
        GatewayConfig cfg = GatewayConfig.load(Optional.empty(), Map.of("TWINBRIDGE_HTTP_PROT", "1"));

        assertEquals(List.of("ignoring unknown environment variable TWINBRIDGE_HTTP_PROT; did you mean "
                + "'TWINBRIDGE_HTTP_PORT'?"), cfg.warnings());
    }

    @Test
    void passThroughMayNotShadowGatewayKeys() {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(Optional.empty(),
                Map.of("TWINBRIDGE_KAFKA_CLIENT_BOOTSTRAP_SERVERS", "x:1")));

        assertEquals("kafka.client.bootstrap.servers", e.key());
        assertTrue(e.reason().contains("use 'kafka.bootstrap-servers'"), e.reason());
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        Path file = yaml("kafka:\n  group-id: x\n bad-indent: [unclosed\n");

        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(Optional.of(file), Map.of()));

        assertTrue(e.getMessage().startsWith("config file " + file + " at line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        Path file = dir.resolve("absent.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(Optional.of(file), Map.of()));

        assertEquals("config file " + file + ": file not found", e.getMessage());
    }

    @Test
    void passwordIsNeverRendered() {
        GatewayConfig cfg = GatewayConfig.load(Optional.empty(), Map.of("TWINBRIDGE_DITTO_PASSWORD", "hunter2",
                "TWINBRIDGE_KAFKA_CLIENT_SASL_JAAS_CONFIG", "secret-jaas"));

        assertTrue(!cfg.toString().contains("hunter2") && !cfg.describe().contains("hunter2"), cfg.describe());
        assertTrue(!cfg.toString().contains("secret-jaas"), cfg.toString());
    }

    @Test
    void exampleFileInTheRepositoryLoads() {
        GatewayConfig cfg = GatewayConfig.load(Optional.of(repoRoot().resolve("config/gateway.example.yaml")), Map.of());

        assertEquals(8088, cfg.http().port());
    }

    @Test
    void configurationReferenceListsEveryKeyAsGenerated() throws IOException {
        String docs = Files.readString(repoRoot().resolve("docs/configuration.md"), StandardCharsets.UTF_8);

        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(docs.contains(ConfigDocs.row(key) + "\n"), "docs/configuration.md lacks or has an outdated row for '"
                    + key.key() + "'; regenerate it with io.twinbridge.gateway.config.ConfigDocs");
        }
        assertTrue(docs.contains(ConfigDocs.BEGIN + "\n" + ConfigDocs.table() + "\n" + ConfigDocs.END),
                "the generated table in docs/configuration.md is out of date; run ConfigDocs");
    }

    /** Keys whose validator accepts only a few values get a valid alternative by name. */
    private static final Map<ConfigKey, String> SPECIAL_ALTERNATIVES = Map.ofEntries(
            Map.entry(ConfigKey.MODELS_BASE_URL, "http://gateway.example:8088"),
            Map.entry(ConfigKey.SCHEMA_REGISTRY_URL, "http://registry.example:8081"),
            Map.entry(ConfigKey.INGEST_ENABLED, "false"),
            Map.entry(ConfigKey.INGEST_CODEC, "json"),
            Map.entry(ConfigKey.ADMIN_PRINCIPALS, "ops:*:" + "ab".repeat(32)),
            Map.entry(ConfigKey.EGRESS_ENABLED, "false"),
            Map.entry(ConfigKey.METRICS_ENABLED, "false"),
            Map.entry(ConfigKey.EGRESS_FORMAT, "ditto-json"),
            Map.entry(ConfigKey.EGRESS_ACKS, "true"),
            Map.entry(ConfigKey.EGRESS_FAILOVER, "false"),
            Map.entry(ConfigKey.DASHBOARD_ENABLED, "false"),
            Map.entry(ConfigKey.LOG_FORMAT, "json"),
            Map.entry(ConfigKey.KAFKA_GROUP_PROTOCOL, "consumer"));

    private static String alternative(ConfigKey key) {
        if (SPECIAL_ALTERNATIVES.containsKey(key)) {
            return SPECIAL_ALTERNATIVES.get(key);
        }
        if (key.defaultValue().contains("127.0.0.1")) {
            return key.defaultValue().replace("127.0.0.1", "10.0.0.9");
        }
        return switch (key.type()) {
            case STRING -> key.defaultValue() + "-alt";
            case PASSWORD -> "alt-secret";
            case INT -> Integer.toString(Integer.parseInt(key.defaultValue()) / 2);
            case DURATION -> "1500ms";
            case LIST -> key.defaultValue() + ",zeta";
            default -> throw new IllegalStateException("no alternative for " + key);
        };
    }

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Path repoRoot() {
        // Surefire runs in the module directory; the repository root is its parent.
        return Path.of("").toAbsolutePath().getParent();
    }
}
