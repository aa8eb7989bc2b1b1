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

    static final String USAGE = "usage: ./twinbridge simulate [--bootstrap-servers HOST:PORT,...] [--topic-prefix P]"
            + " [--tenants acme,globex] [--devices-per-kind N] [--rate EVENTS_PER_SECOND]"
            + " [--encoding avro|confluent|json] [--schema-registry-url URL] [--bad-share 0..1]"
            + " [--duration 30s|5m|1h] [--count N]";

    /** Flag → environment variable. */
    static final Map<String, String> ENV = flagsToEnv();

    SimulateOptions {
        tenants = List.copyOf(tenants);
        kafkaEnv = Map.copyOf(kafkaEnv);
    }

    private static Map<String, String> flagsToEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("--bootstrap-servers", "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS");
        env.put("--topic-prefix", "TWINBRIDGE_KAFKA_TOPIC_PREFIX");
        env.put("--tenants", "TWINBRIDGE_SIMULATE_TENANTS");
        env.put("--devices-per-kind", "TWINBRIDGE_SIMULATE_DEVICES_PER_KIND");
        env.put("--rate", "TWINBRIDGE_SIMULATE_RATE");
        env.put("--encoding", "TWINBRIDGE_SIMULATE_ENCODING");
        env.put("--schema-registry-url", "TWINBRIDGE_SCHEMA_REGISTRY_URL");
        env.put("--bad-share", "TWINBRIDGE_SIMULATE_BAD_SHARE");
        env.put("--duration", "TWINBRIDGE_SIMULATE_DURATION");
        env.put("--count", "TWINBRIDGE_SIMULATE_COUNT");
        return Map.copyOf(env);
    }

    static SimulateOptions parse(List<String> args, Map<String, String> environment) throws UsageException {
        // settings = the environment, then the flags on top, keyed by variable name
        Map<String, String> settings = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("TWINBRIDGE_")) {
                settings.put(name, value);
            }
        });
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            String variable = ENV.get(flag);
            if (variable == null) {
                throw new UsageException("unknown option: " + flag + "\n" + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("missing value for " + flag + "\n" + USAGE);
            }
            settings.put(variable, args.get(++i));
        }
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
