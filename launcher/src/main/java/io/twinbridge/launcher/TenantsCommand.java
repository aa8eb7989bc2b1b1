package io.twinbridge.launcher;

import io.twinbridge.gateway.tenant.TopicNames;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.tenant.document.Checked;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import io.twinbridge.gateway.tenant.policy.GatewaySubjects;
import io.twinbridge.gateway.tenant.policy.PolicyRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./twinbridge tenants validate|render|apply FILE}: checks a tenants document, prints its Ditto policies, or
 * sends each tenant to a gateway's admin API. Each kind of failure has its own exit code ({@link ExitCodes}).
 */
final class TenantsCommand extends PicocliCommand<TenantsCommand.Args> {
    static final String TOKEN_ENV = "TWINBRIDGE_ADMIN_TOKEN";
    private static final String USAGE = "see tenants --help";

    /** The arguments of {@code ./twinbridge tenants}, as picocli reads them; checked by the command. */
    @CommandLine.Command(name = "./twinbridge tenants", description = "Check a tenants document, print its Ditto policies, or send each tenant "
            + "to a gateway's admin API: tenants validate FILE [--topic-prefix P] | render FILE [--ditto-user U] "
            + "[--subject-issuer I] | apply FILE --gateway URL [--token T].")
    static final class Args {
        @Mixin
        CommandLines.Help help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "validate|render|apply", description = "What to do.")
        String action;
        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The tenants document.")
        Path file;
        @Option(names = "--topic-prefix", paramLabel = "P", description = "validate: topic prefix the topic names are "
                + "checked with (default twinbridge).")
        String topicPrefix;
        @Option(names = "--ditto-user", paramLabel = "U", description = "render: the gateway's Ditto user (default "
                + "ditto).")
        String dittoUser;
        @Option(names = "--subject-issuer", paramLabel = "I", description = "render: issuer of the subjects (default "
                + "nginx).")
        String subjectIssuer;
        @Option(names = "--gateway", paramLabel = "URL", description = "apply: the gateway's base URL.")
        String gateway;
        @Option(names = "--token", paramLabel = "T", description = "apply: an admin token (default: env "
                + TOKEN_ENV + ").")
        String token;
    }

    private final Map<String, String> env;

    TenantsCommand() {
        this(System.getenv());
    }

    TenantsCommand(Map<String, String> env) {
        super("tenants", "check, render or apply a tenants document: tenants validate|render|apply FILE", true,
                Args::new);
        this.env = env;
    }

    @Override
    int run(Args parsed, CommandLines.Parsed line, List<String> args, Console console) throws UsageException {
        if (parsed.file == null) {
            throw new UsageException("missing FILE; " + USAGE);
        }
        String action = parsed.action;
        Path file = parsed.file;
        Map<String, String> options = line.options();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            console.err().println("twinbridge tenants: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.FILE_UNREADABLE;
        }
        TenantDocumentReader reader = new TenantDocumentReader(TenantDocumentReader.DEFAULT_MAX_BYTES,
                new TopicNames(options.getOrDefault("--topic-prefix", "twinbridge")));
        Checked<TenantDocument> checked = reader.readDocument(bytes);
        if (checked instanceof Checked.Invalid<TenantDocument> invalid) {
            console.err().println("twinbridge tenants: " + file + " is invalid (" + invalid.problems().size()
                    + " problem(s)):");
            invalid.problems().forEach(p -> console.err().println("  " + p));
            return ExitCodes.INVALID_DOCUMENT;
        }
        TenantDocument document = ((Checked.Valid<TenantDocument>) checked).value();
        return switch (action) {
            case "validate" -> {
                console.out().println(file + " is valid: " + document.tenants().size() + " tenant(s): "
                        + document.tenants().stream().map(t -> t.id().value()).collect(Collectors.joining(", ")));
                yield ExitCodes.OK;
            }
            case "render" -> render(document, options, console);
            case "apply" -> apply(document, options, console);
            default -> throw new UsageException("unknown action '" + action + "'; " + USAGE);
        };
    }

    private static int render(TenantDocument document, Map<String, String> options, Console console) {
        PolicyRenderer renderer = new PolicyRenderer(ModelRegistry.fromClasspath(), new GatewaySubjects(
                options.getOrDefault("--subject-issuer", "nginx"), options.getOrDefault("--ditto-user", "ditto")));
        JsonArray policies = JsonFactory.newArray();
        for (TenantSpec tenant : document.tenants()) {
            policies = policies.add(renderer.render(tenant).json());
        }
        console.out().println(policies);
        return ExitCodes.OK;
    }

    private int apply(TenantDocument document, Map<String, String> options, Console console) throws UsageException {
        String gateway = Optional.ofNullable(options.get("--gateway"))
                .orElseThrow(() -> new UsageException("apply needs --gateway URL"));
        Optional<String> token = Optional.ofNullable(options.get("--token")).or(() -> Optional.ofNullable(
                env.get(TOKEN_ENV)));
        if (token.isEmpty()) {
            throw new UsageException("apply needs --token T or the environment variable " + TOKEN_ENV);
        }
        return new TenantApplier(gateway, token.get(), console).apply(document);
    }
}
