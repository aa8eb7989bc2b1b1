package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.tenant.document.Checked;
import io.twinbridge.gateway.tenant.document.DocumentProblem;
import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantDocumentReader;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Loads the tenants document the gateway starts with. */
public final class TenantDocuments {
    private TenantDocuments() {
    }

    /**
     * The checked document at {@code file}, or an empty document when there is none.
     *
     * @throws IllegalArgumentException listing every problem, when the file cannot be read or is invalid, or when it
     *                                  declares something this gateway cannot serve (a tenant's Ditto password
     *                                  variable is not set)
     */
    public static TenantDocument load(Optional<Path> file, TenantDocumentReader reader,
                                      Function<String, Optional<String>> environment) {
        if (file.isEmpty()) {
            return new TenantDocument(List.of());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.get());
        } catch (IOException e) {
            throw new IllegalArgumentException("tenants.file: cannot read " + file.get() + ": " + e, e);
        }
        Checked<TenantDocument> checked = reader.readDocument(bytes);
        if (checked instanceof Checked.Invalid<TenantDocument> invalid) {
            throw invalidFile(file.get(), invalid.problems());
        }
        TenantDocument document = ((Checked.Valid<TenantDocument>) checked).value();
        List<DocumentProblem> unsupported = new ArrayList<>();
        for (TenantSpec tenant : document.tenants()) {
            unsupported.addAll(TenantAdmin.unsupported(tenant, environment, "(tenant " + tenant.id() + ")"));
        }
        if (!unsupported.isEmpty()) {
            throw invalidFile(file.get(), unsupported);
        }
        return document;
    }

    /** The directory ingest reads, with every tenant of the document. */
    public static TenantDirectory directory(TenantDocument document, CodecKind defaultCodec) {
        return new TenantDirectory(document.tenants().stream().map((TenantSpec t) -> t.settings(defaultCodec))
                .toList());
    }

    private static IllegalArgumentException invalidFile(Path file, List<DocumentProblem> problems) {
        return new IllegalArgumentException("tenants.file " + file + " is invalid:" + System.lineSeparator()
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining(System.lineSeparator())));
    }
}
