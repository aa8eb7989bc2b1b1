package io.twinbridge.launcher;

import io.twinbridge.sandbox.ditto.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's tenants: {@code ditto-config/tenants.example.json}, the same document the real stack uses, and a
 * sandbox user for every role subject in it ({@code nginx:acme-viewer} logs in as {@code acme-viewer}, password the
 * same), so that the rendered policies can be tried with curl.
 */
final class DemoTenants {
    static final String EXAMPLE = "ditto-config/tenants.example.json";
    private static final List<String> ROLES = List.of("admin", "operator", "viewer", "device");

    private DemoTenants() {
    }

    /**
     * A private copy of the example document, found under {@code -Dtwinbridge.home} (set by {@code ./twinbridge}),
     * the working directory or its parent. A copy, because the admin API rewrites its tenants file.
     */
    static Optional<Path> exampleCopy() {
        Optional<Path> example = Stream.of(System.getProperty("twinbridge.home", "."), ".", "..")
                .map(dir -> Path.of(dir).resolve(EXAMPLE)).filter(Files::isRegularFile).findFirst();
        return example.map(file -> {
            try {
                Path copy = Files.createTempFile("twinbridge-demo-tenants", ".json");
                copy.toFile().deleteOnExit();
                return Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + file, e);
            }
        });
    }

    /** Basic-auth users for the role subjects of the demo tenants. */
    static SandboxOptions withRoleUsers(SandboxOptions options) {
        SandboxOptions result = options;
        for (String tenant : DemoFleet.TENANTS) {
            for (String role : ROLES) {
                String user = tenant + "-" + role;
                result = result.withUser(user, user);
            }
        }
        return result;
    }
}
