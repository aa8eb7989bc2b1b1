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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonFactory;

/**
 * {@code ./twinbridge tenants validate|render|apply FILE}: checks a tenants document, prints its Ditto policies, or
 * sends each tenant to a gateway's admin API. Each kind of failure has its own exit code ({@link ExitCodes}).
 */
final class TenantsCommand implements Command {
    static final String TOKEN_ENV = "TWINBRIDGE_ADMIN_TOKEN";
    private static final String USAGE = "usage: tenants validate FILE [--topic-prefix P] | render FILE "
            + "[--ditto-user U] [--subject-issuer I] | apply FILE --gateway URL [--token T]";

    private final Map<String, String> env;

    TenantsCommand() {
        this(System.getenv());
    }

    TenantsCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "tenants";
    }

    @Override
    public String summary() {
        return "check, render or apply a tenants document: tenants validate|render|apply FILE";
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        if (args.isEmpty() || args.get(0).equals("--help")) {
            console.out().println(USAGE);
            return args.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
        }
        if (args.size() < 2) {
            throw new UsageException("missing FILE; " + USAGE);
        }
        String action = args.get(0);
        Path file = Path.of(args.get(1));
        Map<String, String> options = options(args.subList(2, args.size()));
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

    private static Map<String, String> options(List<String> rest) throws UsageException {
        Map<String, String> options = new HashMap<>();
        List<String> known = new ArrayList<>(List.of("--topic-prefix", "--ditto-user", "--subject-issuer",
                "--gateway", "--token"));
        for (int i = 0; i < rest.size(); i++) {
            String name = rest.get(i);
            if (!known.contains(name)) {
                throw new UsageException("unknown option '" + name + "'; " + USAGE);
            }
            if (i + 1 >= rest.size()) {
                throw new UsageException(name + " needs a value");
            }
            options.put(name, rest.get(++i));
        }
        return options;
    }
}
