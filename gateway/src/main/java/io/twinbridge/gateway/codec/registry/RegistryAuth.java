package io.twinbridge.gateway.codec.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** How the gateway authenticates to the schema registry. */
public sealed interface RegistryAuth {

    /** The value of the {@code Authorization} header, if any. */
    Optional<String> authorizationHeader();

    static RegistryAuth none() {
        return None.INSTANCE;
    }

    static RegistryAuth basic(String user, String password) {
        return new Basic(user, password);
    }

    static RegistryAuth bearer(String token) {
        return new Bearer(token);
    }

    enum None implements RegistryAuth {
        INSTANCE;

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.empty();
        }
    }

    record Basic(String user, String password) implements RegistryAuth {
        public Basic {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public Optional<String> authorizationHeader() {
            String pair = user + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=***]";
        }
    }

    record Bearer(String token) implements RegistryAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
