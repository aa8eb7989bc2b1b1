package io.twinbridge.launcher;

import io.twinbridge.gateway.config.Durations;
import io.twinbridge.sandbox.fleet.Encoding;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of {@code ./twinbridge simulate}. Every option has an environment variable, so a container needs no
 * command line: the Kafka ones are the gateway's own ({@code TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS},
 * {@code TWINBRIDGE_KAFKA_TOPIC_PREFIX}, {@code TWINBRIDGE_SCHEMA_REGISTRY_URL}), the fleet ones are
 * {@code TWINBRIDGE_SIMULATE_*}. A flag wins over its variable.
 *
 * @param kafkaEnv       the gateway-style Kafka settings ({@code TWINBRIDGE_KAFKA_*}, including the
 *                       {@code TWINBRIDGE_KAFKA_CLIENT_*} pass-through), validated by the gateway's config loader
 * @param tenants        tenant ids; each gets {@code devicesPerKind} devices of every kind
 * @param rate           records per second across all devices
 * @param badShare       share of records, 0 to 1, replaced by a bad one (every fault kind)
 * @param duration       stop after this long; empty = until stopped
 * @param count          stop after this many records; empty = until stopped
 * @param schemaRegistry the Confluent-compatible registry the {@code confluent} encoding registers its schemas with
 */
record SimulateOptions(Map<String, String> kafkaEnv, List<String> tenants, int devicesPerKind, double rate,
                       Encoding encoding, double badShare, Optional<Duration> duration, Optional<Long> count,
                       Optional<String> schemaRegistry) {

    /** The options of {@code ./twinbridge simulate}, as picocli reads them; each names its variable. */
    @CommandLine.Command(name = "./twinbridge simulate", description = "Send a simulated fleet's telemetry to an existing Kafka until --count "
            + "or --duration, or until Ctrl-C or SIGTERM. Every option has an environment variable; a flag wins.")
    static final class Args {
        @Mixin
        CommandLines.Help help;
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
                descriptionKey = "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS",
                description = "Kafka to send to (env TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS; default 127.0.0.1:9092).")
        String bootstrapServers;
        @Option(names = "--topic-prefix", paramLabel = "P", descriptionKey = "TWINBRIDGE_KAFKA_TOPIC_PREFIX",
                description = "Topic prefix (env TWINBRIDGE_KAFKA_TOPIC_PREFIX; default twinbridge).")
        String topicPrefix;
        @Option(names = "--tenants", paramLabel = "acme,globex", descriptionKey = "TWINBRIDGE_SIMULATE_TENANTS",
                description = "Tenant ids (env TWINBRIDGE_SIMULATE_TENANTS; default acme,globex).")
        String tenants;
        @Option(names = "--devices-per-kind", paramLabel = "N", descriptionKey = "TWINBRIDGE_SIMULATE_DEVICES_PER_KIND",
                description = "Devices of every kind per tenant (env TWINBRIDGE_SIMULATE_DEVICES_PER_KIND; default 2).")
        String devicesPerKind;
        @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND", descriptionKey = "TWINBRIDGE_SIMULATE_RATE",
                description = "Records per second across all devices (env TWINBRIDGE_SIMULATE_RATE; default 16).")
        String rate;
        @Option(names = "--encoding", paramLabel = "avro|confluent|json", descriptionKey = "TWINBRIDGE_SIMULATE_ENCODING",
                description = "Record encoding (env TWINBRIDGE_SIMULATE_ENCODING; default avro, single-object).")
        String encoding;
        @Option(names = "--schema-registry-url", paramLabel = "URL", descriptionKey = "TWINBRIDGE_SCHEMA_REGISTRY_URL",
                description = "Registry the confluent encoding registers its schemas with "
                        + "(env TWINBRIDGE_SCHEMA_REGISTRY_URL).")
        String schemaRegistryUrl;
        @Option(names = "--bad-share", paramLabel = "0..1", descriptionKey = "TWINBRIDGE_SIMULATE_BAD_SHARE",
                description = "Share of records replaced by a bad one (env TWINBRIDGE_SIMULATE_BAD_SHARE; default 0).")
        String badShare;
        @Option(names = "--duration", paramLabel = "30s|5m|1h", descriptionKey = "TWINBRIDGE_SIMULATE_DURATION",
                description = "Stop after this long (env TWINBRIDGE_SIMULATE_DURATION; default: until stopped).")
        String duration;
        @Option(names = "--count", paramLabel = "N", descriptionKey = "TWINBRIDGE_SIMULATE_COUNT",
                description = "Stop after this many records (env TWINBRIDGE_SIMULATE_COUNT; default: until stopped).")
        String count;
    }

    /** Flag → environment variable. */
    static final Map<String, String> ENV = CommandLines.variables(new Args());

    SimulateOptions {
        tenants = List.copyOf(tenants);
        kafkaEnv = Map.copyOf(kafkaEnv);
    }

    static SimulateOptions parse(List<String> args, Map<String, String> environment) throws UsageException {
        // settings = the environment, then the flags on top, keyed by variable name
        Map<String, String> settings = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("TWINBRIDGE_")) {
                settings.put(name, value);
            }
        });
        CommandLines.parse(new Args(), args).options().forEach((flag, value) -> settings.put(ENV.get(flag), value));
        Map<String, String> kafkaEnv = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (name.startsWith("TWINBRIDGE_KAFKA_")) {
                kafkaEnv.put(name, value);
            }
        });
        Encoding encoding = encoding(setting(settings, "--encoding", "avro"));
        Optional<String> registry = Optional.ofNullable(settings.get(ENV.get("--schema-registry-url")))
                .filter(url -> !url.isBlank());
        if (encoding == Encoding.CONFLUENT && registry.isEmpty()) {
            throw new UsageException("--encoding confluent needs --schema-registry-url (or "
                    + ENV.get("--schema-registry-url") + ") to register the telemetry schemas with");
        }
        Optional<String> duration = optional(settings, "--duration");
        Optional<String> count = optional(settings, "--count");
        return new SimulateOptions(kafkaEnv, tenants(setting(settings, "--tenants", "acme,globex")),
                (int) whole("--devices-per-kind", setting(settings, "--devices-per-kind", "2"), 10_000),
                decimal("--rate", setting(settings, "--rate", "16"), 0.001, 1_000_000),
                encoding,
                decimal("--bad-share", setting(settings, "--bad-share", "0"), 0, 1),
                duration.isPresent() ? Optional.of(duration(duration.get())) : Optional.empty(),
                count.isPresent() ? Optional.of(whole("--count", count.get(), Long.MAX_VALUE)) : Optional.empty(),
                registry);
    }

    private static String setting(Map<String, String> settings, String flag, String fallback) {
        return optional(settings, flag).orElse(fallback);
    }

    private static Optional<String> optional(Map<String, String> settings, String flag) {
        return Optional.ofNullable(settings.get(ENV.get(flag))).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static List<String> tenants(String value) throws UsageException {
        List<String> tenants = Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        for (String tenant : tenants) {
            if (!tenant.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new UsageException("--tenants: '" + tenant + "' is not a tenant id ([a-z][a-z0-9-]{0,31})");
            }
        }
        if (tenants.isEmpty()) {
            throw new UsageException("--tenants needs at least one tenant id");
        }
        return tenants;
    }

    private static Encoding encoding(String value) throws UsageException {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "avro", "avro-single-object", "single-object" -> Encoding.SINGLE_OBJECT;
            case "confluent", "confluent-avro" -> Encoding.CONFLUENT;
            case "json" -> Encoding.JSON;
            default -> throw new UsageException("--encoding must be avro, confluent or json, was '" + value + "'");
        };
    }

    private static double decimal(String flag, String value, double min, double max) throws UsageException {
        double number;
        try {
            number = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": '" + value + "' is not a number");
        }
        if (!(number >= min && number <= max)) {
            throw new UsageException(flag + " must be between " + min + " and " + max + ", was " + value);
        }
        return number;
    }

    private static long whole(String flag, String value, long max) throws UsageException {
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": '" + value + "' is not a whole number");
        }
        if (number < 1 || number > max) {
            throw new UsageException(flag + " must be between 1 and " + max + ", was " + value);
        }
        return number;
    }

    private static Duration duration(String value) throws UsageException {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--duration: " + e.getMessage());
        }
    }
}
