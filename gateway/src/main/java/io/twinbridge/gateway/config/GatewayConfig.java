package io.twinbridge.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gateway's validated, immutable configuration. Build it with {@link #load}; everything that can be wrong with
 * a setting is found there, at start, as a {@link ConfigException} naming the key.
 */
public final class GatewayConfig {
    private final Map<ConfigKey, Object> values;
    private final Map<ConfigKey, String> sources;
    private final List<String> warnings;
    private final KafkaConfig kafka;
    private final DittoConfig ditto;
    private final HttpConfig http;
    private final ReadinessConfig readiness;
    private final IngestConfig ingest;
    private final TenantsConfig tenantsConfig;
    private final EgressConfig egress;

    GatewayConfig(Map<ConfigKey, Object> values, Map<ConfigKey, String> sources, Map<String, String> kafkaClient,
                  List<String> warnings) {
        this.values = new EnumMap<>(values);
        this.sources = new EnumMap<>(sources);
        this.warnings = List.copyOf(warnings);
        this.kafka = new KafkaConfig(String.join(",", list(ConfigKey.KAFKA_BOOTSTRAP_SERVERS)),
                string(ConfigKey.KAFKA_TOPIC_PREFIX), string(ConfigKey.KAFKA_GROUP_ID), kafkaClient,
                new GroupMembership(string(ConfigKey.KAFKA_GROUP_PROTOCOL), duration(ConfigKey.KAFKA_SESSION_TIMEOUT),
                        Optional.of(string(ConfigKey.KAFKA_GROUP_INSTANCE_ID).trim()).filter(id -> !id.isEmpty())));
        this.ditto = new DittoConfig(uri(ConfigKey.DITTO_ENDPOINT), uri(ConfigKey.DITTO_HTTP_ENDPOINT),
                string(ConfigKey.DITTO_USERNAME), string(ConfigKey.DITTO_PASSWORD),
                duration(ConfigKey.DITTO_CONNECT_TIMEOUT), duration(ConfigKey.DITTO_REQUEST_TIMEOUT));
        this.http = new HttpConfig(string(ConfigKey.HTTP_HOST), (Integer) values.get(ConfigKey.HTTP_PORT));
        this.readiness = new ReadinessConfig(duration(ConfigKey.READINESS_CHECK_INTERVAL),
                duration(ConfigKey.READINESS_TIMEOUT));
        this.ingest = new IngestConfig(Boolean.parseBoolean(string(ConfigKey.INGEST_ENABLED)),
                string(ConfigKey.INGEST_CODEC), duration(ConfigKey.INGEST_COALESCE_WINDOW),
                integer(ConfigKey.INGEST_MAX_WRITES_IN_FLIGHT), integer(ConfigKey.INGEST_MAX_PENDING_TWINS),
                integer(ConfigKey.INGEST_MAX_PENDING_BYTES), integer(ConfigKey.INGEST_MAX_UNCOMMITTED_SPAN),
                duration(ConfigKey.INGEST_COMMIT_INTERVAL), duration(ConfigKey.INGEST_DRAIN_TIMEOUT),
                duration(ConfigKey.INGEST_RETRY_INITIAL), duration(ConfigKey.INGEST_RETRY_MAX),
                string(ConfigKey.SCHEMA_REGISTRY_URL));
        String tenantsFile = string(ConfigKey.TENANTS_FILE).trim();
        this.tenantsConfig = new TenantsConfig(
                tenantsFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(tenantsFile)),
                integer(ConfigKey.TENANTS_MAX_DOCUMENT_BYTES), string(ConfigKey.TENANTS_SUBJECT_ISSUER),
                list(ConfigKey.ADMIN_PRINCIPALS));
        this.egress = new EgressConfig(Boolean.parseBoolean(string(ConfigKey.EGRESS_ENABLED)),
                string(ConfigKey.EGRESS_FORMAT), Boolean.parseBoolean(string(ConfigKey.EGRESS_ACKS)),
                string(ConfigKey.EGRESS_ACK_LABEL), integer(ConfigKey.EGRESS_MAX_BUFFERED_EVENTS),
                integer(ConfigKey.EGRESS_MAX_CACHED_THINGS), duration(ConfigKey.EGRESS_RECONCILE_INTERVAL),
                integer(ConfigKey.EGRESS_RECONCILE_MAX_THINGS), Boolean.parseBoolean(string(ConfigKey.EGRESS_FAILOVER)),
                duration(ConfigKey.EGRESS_FAILOVER_TIMEOUT));
        if (ingest.retryMax().compareTo(ingest.retryInitial()) < 0) {
            throw new ConfigException(ConfigKey.INGEST_RETRY_MAX.key(), sourceOf(ConfigKey.INGEST_RETRY_MAX),
                    "must not be shorter than " + ConfigKey.INGEST_RETRY_INITIAL.key());
        }
    }

    /**
     * Loads defaults, then the file (if given), then {@code TWINBRIDGE_*} variables from {@code env}.
     *
     * @throws ConfigException for a malformed file, an unknown key or a bad value
     */
    public static GatewayConfig load(Optional<Path> file, Map<String, String> env) {
        return new ConfigLoader().load(file, env);
    }

    /** Defaults only, plus the given environment overrides: handy for tests and tools. */
    public static GatewayConfig fromEnv(Map<String, String> env) {
        return load(Optional.empty(), env);
    }

    public KafkaConfig kafka() {
        return kafka;
    }

    public DittoConfig ditto() {
        return ditto;
    }

    public HttpConfig http() {
        return http;
    }

    public ReadinessConfig readiness() {
        return readiness;
    }

    public IngestConfig ingest() {
        return ingest;
    }

    /** The tenants document and admin API settings. */
    public TenantsConfig tenantsConfig() {
        return tenantsConfig;
    }

    public EgressConfig egress() {
        return egress;
    }

    /** Base URL of the served Thing Models: {@code models.base-url}, or the gateway's own HTTP address. */
    public String modelsBaseUrl() {
        String configured = string(ConfigKey.MODELS_BASE_URL);
        return configured.isEmpty() ? "http://" + http.host() + ":" + http.port() : configured;
    }

    /**
     * The folders {@code models.directory} and {@code models.schemas-directory} to load the models from, or empty for
     * the built-in ones.
     *
     * @throws ConfigException when only one of the two is set
     */
    public Optional<ModelDirectories> modelDirectories() {
        String models = string(ConfigKey.MODELS_DIRECTORY).trim();
        String schemas = string(ConfigKey.MODELS_SCHEMAS_DIRECTORY).trim();
        if (models.isEmpty() && schemas.isEmpty()) {
            return Optional.empty();
        }
        if (models.isEmpty() || schemas.isEmpty()) {
            ConfigKey missing = models.isEmpty() ? ConfigKey.MODELS_DIRECTORY : ConfigKey.MODELS_SCHEMAS_DIRECTORY;
            ConfigKey set = models.isEmpty() ? ConfigKey.MODELS_SCHEMAS_DIRECTORY : ConfigKey.MODELS_DIRECTORY;
            throw new ConfigException(missing.key(), sourceOf(missing), "must be set together with " + set.key());
        }
        return Optional.of(new ModelDirectories(Path.of(models), Path.of(schemas)));
    }

    /** {@code dashboard.max-users}: the most people signed in to the dashboard at once. */
    public int dashboardMaxUsers() {
        return integer(ConfigKey.DASHBOARD_MAX_USERS);
    }

    /** {@code dashboard.enabled}: whether the HTTP port serves the live dashboard. */
    public boolean dashboardEnabled() {
        return Boolean.parseBoolean(string(ConfigKey.DASHBOARD_ENABLED));
    }

    public List<String> tenants() {
        return list(ConfigKey.TENANTS);
    }

    public Duration shutdownTimeout() {
        return duration(ConfigKey.SHUTDOWN_TIMEOUT);
    }

    /** Whether {@code GET /metrics} is served. */
    public boolean metricsEnabled() {
        return Boolean.parseBoolean(string(ConfigKey.METRICS_ENABLED));
    }

    /** {@code plain} or {@code json}: see {@code io.twinbridge.gateway.logging.LogFormat}. */
    public String logFormat() {
        return string(ConfigKey.LOG_FORMAT);
    }

    /** Non-fatal findings, such as unknown {@code TWINBRIDGE_} variables; the caller logs them. */
    public List<String> warnings() {
        return warnings;
    }

    /** Where a key's value came from: {@code default}, {@code file <path> line n, column m} or {@code env <VAR>}. */
    public String sourceOf(ConfigKey key) {
        return sources.getOrDefault(key, "default");
    }

    /** One line per key with its value (passwords masked) and source, for the start-up log. */
    public String describe() {
        return sources.keySet().stream()
                .map(k -> k.key() + " = " + (k.type() == ConfigType.PASSWORD ? "****" : render(values.get(k)))
                        + " (" + sources.get(k) + ")")
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** The parsed value of a key, for generic tooling and tests; prefer the typed sections. */
    Object value(ConfigKey key) {
        return values.get(key);
    }

    private static String render(Object value) {
        return value instanceof List<?> items
                ? items.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value);
    }

    private String string(ConfigKey key) {
        return (String) values.get(key);
    }

    private int integer(ConfigKey key) {
        return (Integer) values.get(key);
    }

    private URI uri(ConfigKey key) {
        return (URI) values.get(key);
    }

    private Duration duration(ConfigKey key) {
        return (Duration) values.get(key);
    }

    @SuppressWarnings("unchecked")
    private List<String> list(ConfigKey key) {
        return (List<String>) values.get(key);
    }

    @Override
    public String toString() {
        return "GatewayConfig[" + kafka + ", " + ditto + ", " + http + ", " + readiness + ", tenants=" + tenants() + "]";
    }
}
