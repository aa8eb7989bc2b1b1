package io.twinbridge.gateway.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one registry of settings: name, type, default, validator and documentation. Loading, environment variable
 * names and {@code docs/configuration.md} are all derived from it, so none of them can be copied wrong by hand.
 */
public enum ConfigKey {
    KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap-servers", ConfigType.LIST, "127.0.0.1:9092", Validator.hostPortList(),
            "Kafka brokers to bootstrap from, comma-separated `host:port`."),
    KAFKA_TOPIC_PREFIX("kafka.topic-prefix", ConfigType.STRING, "twinbridge",
            Validator.matching("a topic name part ([a-zA-Z0-9._-]+)", "[a-zA-Z0-9._-]+"),
            "Prefix of every topic: `<prefix>.telemetry.<tenant>`, `<prefix>.dlq.<tenant>`, ..."),
    KAFKA_GROUP_ID("kafka.group-id", ConfigType.STRING, "twinbridge-gateway", Validator.nonBlank(),
            "Kafka consumer group of the gateway. Instances with the same group share the partitions."),
    KAFKA_GROUP_PROTOCOL("kafka.group-protocol", ConfigType.STRING, "classic",
            Validator.oneOf("classic", "consumer"),
            "Consumer group protocol of ingest. `classic` uses the cooperative sticky assignor (a member that joins "
                    + "or leaves moves only the partitions that change owner; the others keep consuming) and "
                    + "`kafka.session-timeout`. `consumer` is KIP-848 (Kafka 4.0+ brokers): the broker assigns "
                    + "incrementally, and its `group.consumer.session.timeout.ms` (45 s by default) decides how soon a "
                    + "dead member's partitions move. See docs/operations.md, \"Failover\"."),
    KAFKA_SESSION_TIMEOUT("kafka.session-timeout", ConfigType.DURATION, "10s",
            Validator.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(30)),
            "With `kafka.group-protocol: classic`: how long a silent instance (killed, hung, cut off) keeps its "
                    + "partitions before the group moves them; heartbeats go every third of it. Must lie within the "
                    + "broker's `group.min/max.session.timeout.ms` (6 s to 30 min by default). Ignored with "
                    + "`consumer`, where the broker decides."),
    KAFKA_GROUP_INSTANCE_ID("kafka.group-instance-id", ConfigType.STRING, "",
            Validator.matching("empty or a Kafka group instance id ([A-Za-z0-9._-]{1,249})",
                    "[A-Za-z0-9._-]{0,249}"),
            "Static membership (`group.instance.id`), unique per instance, e.g. the pod name: a restart within the "
                    + "session timeout gets the same partitions back without a rebalance, but a stopped instance's "
                    + "partitions wait for the session timeout instead of moving at once. Empty = a dynamic member."),
    KAFKA_CLIENT("kafka.client", ConfigType.PROPERTIES, "", Validator.any(),
            "Pass-through Kafka client properties for every Kafka client of the gateway, e.g. "
                    + "`kafka.client.security.protocol: SASL_SSL`, `kafka.client.sasl.mechanism: PLAIN`. "
                    + "Environment: `TWINBRIDGE_KAFKA_CLIENT_SASL_MECHANISM` sets `sasl.mechanism` "
                    + "(`_` becomes `.`, lower case)."),
    DITTO_ENDPOINT("ditto.endpoint", ConfigType.URI_TYPE, "ws://127.0.0.1:8080/ws/2", Validator.uriScheme("ws", "wss"),
            "Ditto WebSocket endpoint (API 2)."),
    DITTO_HTTP_ENDPOINT("ditto.http-endpoint", ConfigType.URI_TYPE, "http://127.0.0.1:8080",
            Validator.uriScheme("http", "https"), "Ditto HTTP base URL, without `/api/2`."),
    DITTO_USERNAME("ditto.username", ConfigType.STRING, "ditto", Validator.nonBlank(),
            "User for HTTP basic authentication against Ditto (nginx)."),
    DITTO_PASSWORD("ditto.password", ConfigType.PASSWORD, "ditto", Validator.nonBlank(),
            "Password for `ditto.username`. Never logged."),
    DITTO_CONNECT_TIMEOUT("ditto.connect-timeout", ConfigType.DURATION, "10s",
            Validator.durationBetween(Duration.ofMillis(100), Duration.ofMinutes(10)),
            "How long the first connection to Ditto may take before start-up reports it as failed. The "
                    + "WebSocket client keeps retrying in the background, and `/ready` turns 200 once it is connected."),
    DITTO_REQUEST_TIMEOUT("ditto.request-timeout", ConfigType.DURATION, "10s",
            Validator.durationBetween(Duration.ofMillis(100), Duration.ofMinutes(10)),
            "Default time to wait for Ditto's answer to one command, unless the request sets its own timeout."),
    HTTP_HOST("http.host", ConfigType.STRING, "127.0.0.1", Validator.nonBlank(),
            "Interface the gateway's HTTP server (health, readiness) binds to."),
    HTTP_PORT("http.port", ConfigType.INT, "8088", Validator.port(),
            "Port of the gateway's HTTP server; 0 picks a free port."),
    METRICS_ENABLED("metrics.enabled", ConfigType.STRING, "true", Validator.oneOf("true", "false"),
            "Whether the gateway serves Prometheus metrics at `GET /metrics` on its HTTP port (see "
                    + "docs/operations.md)."),
    READINESS_CHECK_INTERVAL("readiness.check-interval", ConfigType.DURATION, "1s",
            Validator.durationBetween(Duration.ofMillis(50), Duration.ofMinutes(5)),
            "How often `/ready` re-checks Kafka and Ditto; also how long Ditto's probe (a retrieve of the absent "
                    + "thing `twinbridge.readiness:probe`) may take. A Ditto hang shows as 503 after at most twice "
                    + "this plus `readiness.timeout` (4 s), its end as 200 after about this."),
    READINESS_TIMEOUT("readiness.timeout", ConfigType.DURATION, "2s",
            Validator.durationBetween(Duration.ofMillis(50), Duration.ofMinutes(5)),
            "How long Kafka's check (`describeCluster`) may take. Ditto counts as down when it sent the gateway's "
                    + "session nothing at all (no answer to the probe or any other command, no event) for this plus "
                    + "`readiness.check-interval`."),
    SHUTDOWN_TIMEOUT("shutdown.timeout", ConfigType.DURATION, "10s",
            Validator.durationBetween(Duration.ofMillis(100), Duration.ofMinutes(1)),
            "Time the gateway has to drain and close everything on stop."),
    LOG_FORMAT("log.format", ConfigType.STRING, "plain", Validator.oneOf("plain", "json"),
            "Log line format on stdout: `plain` = one human-readable line; `json` = one JSON object per line (ECS-like "
                    + "field names, with `tenant`, `thingId` and `correlationId` of the flow), for log collectors. "
                    + "The environment variable also applies to the log lines written before the config is read; "
                    + "see docs/operations.md."),
    TENANTS("tenants", ConfigType.LIST, "acme,globex",
            Validator.matchingEach("a tenant id ([a-z][a-z0-9-]{0,31})", "[a-z][a-z0-9-]{0,31}"),
            "Tenant ids the gateway serves, comma-separated (or a YAML list). Each tenant's telemetry is read from "
                    + "`<prefix>.telemetry.<tenant>`, and its things live in the Ditto namespace of the same name "
                    + "(dashes become underscores)."),
    TENANTS_FILE("tenants.file", ConfigType.STRING, "", Validator.any(),
            "Path of the tenants document (`tenants.json`, see docs/tenants.md). When set, it replaces `tenants`: "
                    + "the gateway serves exactly its tenants, with their namespaces, codecs and policies, and admin "
                    + "API changes are written back to it. Empty = the `tenants` list, without policies."),
    TENANTS_MAX_DOCUMENT_BYTES("tenants.max-document-bytes", ConfigType.INT, "1048576",
            Validator.intBetween(1024, 16 * 1024 * 1024),
            "Size limit of the tenants document, and of one tenant sent to the admin API."),
    TENANTS_SUBJECT_ISSUER("tenants.subject-issuer", ConfigType.STRING, "nginx",
            Validator.matching("a Ditto subject issuer ([A-Za-z0-9_.-]+)", "[A-Za-z0-9_.-]{1,64}"),
            "Issuer of the Ditto subjects the gateway's own Ditto users authenticate as: `nginx` behind Ditto's "
                    + "nginx, so `ditto.username` u is subject `nginx:u` in the rendered policies."),
    ADMIN_PRINCIPALS("admin.principals", ConfigType.LIST, "",
            Validator.matchingEachOrNone("<name>:<* or tenant id>:<SHA-256 of the token, 64 hex digits>",
                    "[A-Za-z0-9_.-]{1,64}:(\\*|[a-z][a-z0-9-]{0,62}):[0-9a-f]{64}"),
            "Who may use the admin API (`/admin/tenants`), comma-separated `<name>:<scope>:<sha256-hex>`: scope `*` "
                    + "is a global operator, a tenant id a tenant admin limited to that tenant. The hash is the "
                    + "SHA-256 of the bearer token (`printf %s \"$TOKEN\" | sha256sum`); the token itself is "
                    + "never stored. Empty = the admin API refuses everyone (401)."),
    MODELS_BASE_URL("models.base-url", ConfigType.STRING, "", Validator.httpUrlOrEmpty(),
            "Public base URL under which Ditto (and people) reach the Thing Models the gateway serves at "
                    + "`/models/...`; it prefixes the `definition` of every thing the gateway creates, and the served "
                    + "models' `tm:submodel` links are made absolute under it (Ditto resolves only absolute "
                    + "links). Empty = `http://<http.host>:<http.port>`."),
    MODELS_DIRECTORY("models.directory", ConfigType.STRING, "", Validator.any(),
            "Folder of Thing Models and bindings (one sub-folder per kind, laid out like `twin-models/`) to load "
                    + "instead of the built-in ones, e.g. to add a kind and restart. Set together with "
                    + "`models.schemas-directory`. Empty = the models built into the gateway."),
    MODELS_SCHEMAS_DIRECTORY("models.schemas-directory", ConfigType.STRING, "", Validator.any(),
            "Folder of the Avro schemas (`*.avsc`, laid out like `schemas/`) that go with `models.directory`. "
                    + "Empty = the schemas built into the gateway."),
    INGEST_ENABLED("ingest.enabled", ConfigType.STRING, "true", Validator.oneOf("true", "false"),
            "Whether this instance consumes telemetry and writes it to Ditto."),
    INGEST_CODEC("ingest.codec", ConfigType.STRING, "auto",
            Validator.oneOf("auto", "avro-single-object", "confluent-avro", "json"),
            "Encoding of the telemetry topics: `auto` tells Avro single-object, Confluent wire format and JSON "
                    + "apart by their first bytes; `confluent-avro` needs `schema-registry.url`."),
    INGEST_COALESCE_WINDOW("ingest.coalesce-window", ConfigType.DURATION, "5ms",
            Validator.durationBetween(Duration.ZERO, Duration.ofSeconds(10)),
            "How long the first update of an idle thing waits for more before it is sent; `0ms` sends at once. "
                    + "While a merge is in flight, later updates of the thing are always coalesced into the next."),
    INGEST_MAX_WRITES_IN_FLIGHT("ingest.max-writes-in-flight", ConfigType.INT, "1000",
            Validator.intBetween(4, 100_000),
            "Largest write window W: merges in flight to Ditto at once. W adapts to Ditto's round trip below this "
                    + "(it grows while the round trip stays near its unloaded minimum and shrinks when it rises); "
                    + "things with pending updates wait in the gateway, oldest first, and coalesce meanwhile."),
    INGEST_MAX_PENDING_TWINS("ingest.max-pending-twins", ConfigType.INT, "100000",
            Validator.intBetween(1, 10_000_000),
            "Distinct things with an update waiting or being written before every partition is paused. "
                    + "Replaces `ingest.max-in-flight-records`."),
    INGEST_MAX_PENDING_BYTES("ingest.max-pending-bytes", ConfigType.INT, "67108864",
            Validator.intBetween(1024, Integer.MAX_VALUE),
            "Estimated memory of the patches waiting or being written before every partition is paused. "
                    + "Replaces `ingest.max-in-flight-bytes` (which counted record bytes)."),
    INGEST_MAX_UNCOMMITTED_SPAN("ingest.max-uncommitted-span", ConfigType.INT, "1000000",
            Validator.intBetween(1, 100_000_000),
            "Offsets from a partition's first unfinished record to its newest consumed one before the partition is "
                    + "paused, so that one stuck thing cannot hold back an unbounded redelivery. Replaces "
                    + "`ingest.max-in-flight-records-per-partition`; `ingest.max-in-flight-bytes-per-partition` is "
                    + "gone."),
    INGEST_COMMIT_INTERVAL("ingest.commit-interval", ConfigType.DURATION, "200ms",
            Validator.durationBetween(Duration.ofMillis(10), Duration.ofMinutes(1)),
            "How often offsets of finished records are committed (asynchronously). Revoke and stop commit "
                    + "synchronously."),
    INGEST_DRAIN_TIMEOUT("ingest.drain-timeout", ConfigType.DURATION, "5s",
            Validator.durationBetween(Duration.ZERO, Duration.ofMinutes(5)),
            "How long a revoke or a stop waits for unfinished records before leaving them uncommitted for the "
                    + "next owner."),
    INGEST_RETRY_INITIAL("ingest.retry-initial", ConfigType.DURATION, "100ms",
            Validator.durationBetween(Duration.ofMillis(1), Duration.ofMinutes(1)),
            "First backoff after a transient failure (Ditto unreachable, 5xx, 408, 429, schema registry down)."),
    INGEST_RETRY_MAX("ingest.retry-max", ConfigType.DURATION, "10s",
            Validator.durationBetween(Duration.ofMillis(1), Duration.ofMinutes(10)),
            "Longest backoff between retries; the backoff doubles up to it, with jitter."),
    EGRESS_ENABLED("egress.enabled", ConfigType.STRING, "true", Validator.oneOf("true", "false"),
            "Whether this instance publishes Ditto twin changes to `<prefix>.twin-events.<tenant>` and desired-property "
                    + "changes to `<prefix>.commands.<tenant>`. Several instances may run it: with `egress.failover` "
                    + "one of them is active per tenant at a time."),
    EGRESS_FORMAT("egress.format", ConfigType.STRING, "avro", Validator.oneOf("avro", "ditto-json"),
            "Value of twin-event records: `avro` = `TwinChangeEvent` in Avro single-object encoding; `ditto-json` = "
                    + "the Ditto protocol event exactly as Ditto sent it (UTF-8 JSON)."),
    EGRESS_ACKS("egress.acks", ConfigType.STRING, "false", Validator.oneOf("true", "false"),
            "At-least-once from ingest to the twin-events topic: each egress session declares the label "
                    + "`<egress.ack-label>-<tenant>`, ingest's merges request it next to `twin-persisted`, and egress "
                    + "acknowledges only after Kafka took the record. Costs one Kafka round trip per merge."),
    EGRESS_ACK_LABEL("egress.ack-label", ConfigType.STRING, "twinbridge-egress",
            Validator.matching("an acknowledgement label part ([a-zA-Z0-9_-]{3,100})", "[a-zA-Z0-9_-]{3,100}"),
            "Prefix of the acknowledgement label egress declares per tenant, when `egress.acks` is true."),
    EGRESS_MAX_BUFFERED_EVENTS("egress.max-buffered-events", ConfigType.INT, "10000",
            Validator.intBetween(1, 10_000_000),
            "Events per tenant waiting for Kafka. Past it, egress stops acknowledging (so Ditto and ingest slow "
                    + "down); without acknowledgements, events past it are dropped, counted and logged with thing "
                    + "id and revision, and the thing is resynchronised from Ditto once the buffer drains."),
    EGRESS_MAX_CACHED_THINGS("egress.max-cached-things", ConfigType.INT, "10000", Validator.intBetween(1, 10_000_000),
            "Things per tenant whose model kind, definition and pending desired values egress keeps in memory; past "
                    + "it, the least recently used thing is forgotten and read again from its next event or from Ditto."),
    EGRESS_RECONCILE_INTERVAL("egress.reconcile-interval", ConfigType.DURATION, "30s",
            Validator.durationBetween(Duration.ZERO, Duration.ofHours(24)),
            "Time between two reconciliation sweeps: Ditto's search for the tenant's things changed since the "
                    + "previous sweep (`gt(_modified,...)`) whose revision is ahead of the last one published, as when "
                    + "Ditto dropped events; their state is published as resync records. `0s` = no periodic sweep "
                    + "(the full sweep at start and after each reconnect still runs)."),
    EGRESS_RECONCILE_MAX_THINGS("egress.reconcile-max-things", ConfigType.INT, "10000",
            Validator.intBetween(1, 10_000_000),
            "Things one reconciliation round reads from Ditto's search at most, per tenant; the rest are read in "
                    + "the following rounds. Bounds the cost of a sweep."),
    EGRESS_FAILOVER("egress.failover", ConfigType.STRING, "true", Validator.oneOf("true", "false"),
            "Whether instances elect one active egress per tenant through Kafka (consumer group "
                    + "`<kafka.group-id>.egress.<tenant>` on the one-partition topic `<prefix>.egress-coord.<tenant>`); "
                    + "the others stand by and take over when it dies. `false`: this instance publishes every "
                    + "tenant unconditionally (run egress on one instance only)."),
    EGRESS_FAILOVER_TIMEOUT("egress.failover-timeout", ConfigType.DURATION, "10s",
            Validator.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(30)),
            "Session timeout of the egress election's group: a standby takes over a dead active instance's "
                    + "tenants within it. Must lie within the brokers' `group.min.session.timeout.ms` (default 6s) "
                    + "and `group.max.session.timeout.ms`."),
    DASHBOARD_ENABLED("dashboard.enabled", ConfigType.STRING, "true", Validator.oneOf("true", "false"),
            "Whether the HTTP port serves the live dashboard at `/` and `/dashboard/` (and its feed at "
                    + "`/dashboard/events`). People sign in with their Ditto credentials and see only the twins Ditto "
                    + "lets them read: see docs/security.md."),
    DASHBOARD_MAX_USERS("dashboard.max-users", ConfigType.INT, "20", Validator.intBetween(1, 1000),
            "The most people signed in to this instance's dashboard at once; each has one Ditto session, shared by "
                    + "their browser tabs and closed when the last tab goes. One more gets a message (503) saying "
                    + "so."),
    SCHEMA_REGISTRY_URL("schema-registry.url", ConfigType.STRING, "", Validator.httpUrlOrEmpty(),
            "Confluent-compatible schema registry (`GET /schemas/ids/{id}`), for `confluent-avro` records. "
                    + "Empty = none.");

    private static final String ENV_PREFIX = "TWINBRIDGE_";

    private final String key;
    private final ConfigType type;
    private final String defaultValue;
    private final Validator validator;
    private final String doc;

    ConfigKey(String key, ConfigType type, String defaultValue, Validator validator, String doc) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.validator = validator;
        this.doc = doc;
    }

    /** The dotted name as written in the YAML file. */
    public String key() {
        return key;
    }

    public ConfigType type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public Validator validator() {
        return validator;
    }

    public String doc() {
        return doc;
    }

    /** {@code TWINBRIDGE_} + the key in upper case with {@code .} and {@code -} as {@code _}. */
    public String envVar() {
        return envVarOf(key);
    }

    /** For {@link ConfigType#PROPERTIES} keys, the env var prefix of the members (ends with {@code _}). */
    public boolean isPrefix() {
        return type == ConfigType.PROPERTIES;
    }

    public static String envVarOf(String dottedKey) {
        return ENV_PREFIX + dottedKey.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static String envPrefix() {
        return ENV_PREFIX;
    }

    public static Optional<ConfigKey> byKey(String dottedKey) {
        return Arrays.stream(values()).filter(k -> !k.isPrefix() && k.key.equals(dottedKey)).findFirst();
    }

    /** The prefix key whose family contains {@code dottedKey}, e.g. {@code kafka.client} for {@code kafka.client.x}. */
    public static Optional<ConfigKey> prefixOf(String dottedKey) {
        return Arrays.stream(values()).filter(k -> k.isPrefix() && dottedKey.startsWith(k.key + ".")).findFirst();
    }
}
