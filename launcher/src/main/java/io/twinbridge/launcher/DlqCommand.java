package io.twinbridge.launcher;

import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.dlq.DeadLetterFilter;
import io.twinbridge.gateway.dlq.DlqTopics;
import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.tenant.TenantDocuments;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.document.TenantTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./twinbridge dlq inspect|replay --tenant T}: parses the options, resolves the Kafka connection and the
 * tenant's topics from the gateway's configuration, and hands over to {@link DlqInspect} or {@link DlqReplay}.
 */
final class DlqCommand extends PicocliCommand<DlqCommand.Args> {
    /** The arguments of {@code ./twinbridge dlq}, as picocli reads them; checked by the command. */
    @CommandLine.Command(name = "./twinbridge dlq", description = "Count, show or replay a tenant's dead letters.",
            footer = {"",
                "Connection defaults as `./twinbridge run`: --config or config/gateway.yaml, then TWINBRIDGE_* "
                        + "variables (kafka.bootstrap-servers, kafka.topic-prefix, kafka.client.*, tenants.file for "
                        + "topic overrides).",
                "inspect reads <prefix>.dlq.<tenant> from its beginning to its end at the start, and prints counts by "
                        + "stage and code and the first --limit records; --json prints the same as one JSON object.",
                "replay writes each matching dead letter back to the tenant's telemetry topic: same key, value and "
                        + "original headers, plus twinbridge.replay.of=<dlqtopic>/<partition>/<offset>. Once the "
                        + "cause is fixed (e.g. models.directory has the missing model and the gateway restarted).",
                "Idempotent: each replayed dead letter is recorded in the compacted topic "
                        + "<prefix>.dlq-replayed.<tenant>, in the same Kafka transaction as its replayed record; a "
                        + "later replay skips what is recorded there, also after a crash or restart of the tool. Two "
                        + "replays of one tenant at once: the later one fences the earlier, which stops. See "
                        + "docs/operations.md, \"DLQ handling\"."})
    static final class Args {
        @Mixin
        CommandLines.Help help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "inspect|replay", description = "What to do.")
        String action;
        @Option(names = "--tenant", paramLabel = "T", description = "The tenant whose dead letters are meant.")
        String tenant;
        @Option(names = "--limit", paramLabel = "N", description = "inspect: records shown (default 10).")
        String limit;
        @Option(names = "--json", description = "inspect: print one JSON object.")
        boolean json;
        @Option(names = "--code", paramLabel = "C", description = "Only this error code (decode.unknown-schema), or "
                + "every code of a stage (decode.).")
        String code;
        @Option(names = "--since", paramLabel = "TIME", description = "Dead-lettered at or after TIME: "
                + "2025-05-01T08:00:00Z, 2025-05-01 (UTC) or 30m, 2h, 7d ago.")
        String since;
        @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration file (default "
                + "config/gateway.yaml when it exists).")
        String config;
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Kafka (default: "
                + "kafka.bootstrap-servers, env TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS).")
        String bootstrapServers;
        @Option(names = "--tenants", paramLabel = "FILE", description = "The tenants document, for topic overrides "
                + "(default: tenants.file, env TWINBRIDGE_TENANTS_FILE).")
        String tenants;
    }

    private final Map<String, String> env;
    private final Clock clock;

    DlqCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    DlqCommand(Map<String, String> env, Clock clock) {
        super("dlq", "count, show or replay a tenant's dead letters: dlq inspect|replay --tenant T", true, Args::new);
        this.env = env;
        this.clock = clock;
    }

    @Override
    int run(Args parsed, CommandLines.Parsed line, List<String> args, Console console) throws UsageException {
        String action = parsed.action;
        if (action == null || !action.equals("inspect") && !action.equals("replay")) {
            throw new UsageException("unknown action '" + action + "'; see dlq --help");
        }
        Map<String, String> options = line.options();
        String tenantText = Optional.ofNullable(options.get("--tenant"))
                .orElseThrow(() -> new UsageException(action + " needs --tenant T"));
        if (!TenantId.PATTERN.matcher(tenantText).matches()) {
            throw new UsageException("--tenant '" + tenantText + "' is not a tenant id");
        }
        TenantId tenant = TenantId.of(tenantText);
        DeadLetterFilter filter = filter(options);
        GatewayConfig config = GatewayConfig.load(configFile(options), env);
        Properties client = config.kafka().baseClientProperties();
        Optional.ofNullable(options.get("--bootstrap-servers")).ifPresent(b -> client.put("bootstrap.servers", b));
        DlqTopics topics = topics(config, tenant, options);
        if (action.equals("inspect")) {
            return new DlqInspect(client, console).run(topics, filter, limit(options), options.containsKey("--json"));
        }
        if (options.containsKey("--json") || options.containsKey("--limit")) {
            throw new UsageException("--json and --limit are options of inspect");
        }
        return new DlqReplay(client, console, clock, System.console() != null).run(topics, filter);
    }

    private DeadLetterFilter filter(Map<String, String> options) throws UsageException {
        try {
            return new DeadLetterFilter(Optional.ofNullable(options.get("--code")),
                    Optional.ofNullable(options.get("--since")).map(s -> DeadLetterFilter.parseSince(s, clock)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int limit(Map<String, String> options) throws UsageException {
        String text = options.getOrDefault("--limit", "10");
        try {
            int limit = Integer.parseInt(text);
            if (limit < 0) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new UsageException("--limit needs a number of records, 0 or more: '" + text + "'");
        }
    }

    /** {@code --config FILE}, else {@code config/gateway.yaml} when it exists, as {@code ./twinbridge run}. */
    private static Optional<Path> configFile(Map<String, String> options) {
        Path defaultConfig = Path.of("config", "gateway.yaml");
        return Optional.ofNullable(options.get("--config")).map(Path::of)
                .or(() -> Files.isRegularFile(defaultConfig) ? Optional.of(defaultConfig) : Optional.empty());
    }

    /** Derived from the prefix, unless the tenants document ({@code --tenants} or tenants.file) overrides them. */
    private static DlqTopics topics(GatewayConfig config, TenantId tenant, Map<String, String> options) {
        TopicNames names = new TopicNames(config.kafka().topicPrefix());
        Optional<Path> tenantsFile = Optional.ofNullable(options.get("--tenants")).map(Path::of)
                .or(() -> config.tenantsConfig().file());
        TenantTopics overrides = TenantTopics.DERIVED;
        if (tenantsFile.isPresent()) {
            TenantDocument document = TenantDocuments.load(tenantsFile, new TenantDocumentReader(
                    config.tenantsConfig().maxDocumentBytes(), names), DlqCommand::anyPassword);
            overrides = document.tenant(tenant).map(TenantSpec::topics).orElseThrow(() ->
                    new IllegalArgumentException("tenant " + tenant.value() + " is not in " + tenantsFile.get()));
        }
        return DlqTopics.of(names, tenant, overrides);
    }

    /** The tool reads only topics and opens no Ditto session, so tenants' Ditto passwords need not be set. */
    private static Optional<String> anyPassword(String variable) {
        return Optional.of("");
    }
}
