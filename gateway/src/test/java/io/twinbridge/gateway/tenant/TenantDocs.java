package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.tenant.document.Checked;
import io.twinbridge.gateway.tenant.document.DocumentProblem;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tenant documents for tests: the shipped example, and small ones built from text. */
public final class TenantDocs {
    public static final Path EXAMPLE = locate("ditto-config/tenants.example.json");

    private TenantDocs() {
    }

    public static TenantDocumentReader reader() {
        return new TenantDocumentReader(TenantDocumentReader.DEFAULT_MAX_BYTES, new TopicNames("twinbridge"));
    }

    public static byte[] exampleBytes() {
        try {
            return Files.readAllBytes(EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TenantDocument example() {
        return valid(reader().readDocument(exampleBytes()));
    }

    public static byte[] utf8(String json) {
        return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    /** A minimal tenant object in single-quote JSON. */
    public static String tenant(String id, String namespace, String viewer) {
        return "{'id':'" + id + "','namespaces':['" + namespace + "'],'roles':{'viewer':['" + viewer + "']}}";
    }

    public static <T> T valid(Checked<T> checked) {
        if (checked instanceof Checked.Valid<T> ok) {
            return ok.value();
        }
        throw new AssertionError("expected valid, got " + ((Checked.Invalid<T>) checked).problems());
    }

    public static List<DocumentProblem> problems(Checked<?> checked) {
        if (checked instanceof Checked.Invalid<?> invalid) {
            return invalid.problems();
        }
        throw new AssertionError("expected problems, got " + ((Checked.Valid<?>) checked).value());
    }

    private static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }
}
