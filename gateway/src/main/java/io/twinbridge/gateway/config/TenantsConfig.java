package io.twinbridge.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tenants.*} and {@code admin.*} settings; see {@link ConfigKey} for each one's meaning.
 *
 * @param file             the tenants document, if one is configured
 * @param maxDocumentBytes size limit of a tenants document
 * @param subjectIssuer    issuer of the gateway's own Ditto subjects
 * @param adminPrincipals  {@code <name>:<scope>:<sha256-hex>} entries of the admin API
 */
public record TenantsConfig(Optional<Path> file, int maxDocumentBytes, String subjectIssuer,
                            List<String> adminPrincipals) {
    public TenantsConfig {
        adminPrincipals = List.copyOf(adminPrincipals);
    }
}
