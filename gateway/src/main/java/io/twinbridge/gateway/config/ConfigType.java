package io.twinbridge.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;

/**
 * How a raw string setting becomes a typed value. Every source (defaults, YAML, environment) delivers strings, so
 * one parser per type serves them all. Parsers throw {@link IllegalArgumentException} with a reason that the
 * loader wraps into a {@link ConfigException} naming the key and the source.
 */
public enum ConfigType {
    STRING("string") {
        @Override
        Object parse(String raw) {
            return raw;
        }
    },
    PASSWORD("password") {
        @Override
        Object parse(String raw) {
            return raw;
        }
    },
    INT("integer") {
        @Override
        Object parse(String raw) {
            try {
                return Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw + "' is not an integer");
            }
        }
    },
    DURATION("duration") {
        @Override
        Object parse(String raw) {
            return Durations.parse(raw);
        }
    },
    URI_TYPE("URI") {
        @Override
        Object parse(String raw) {
            try {
                URI uri = new URI(raw.trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("'" + raw + "' is not an absolute URI with a host");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + raw + "' is not a URI: " + e.getReason());
            }
        }
    },
    LIST("list") {
        @Override
        Object parse(String raw) {
            if (raw.isBlank()) {
                return List.of();
            }
            return Arrays.stream(raw.split(",")).map(String::trim).toList();
        }
    },
    /** A family of pass-through keys under one prefix; each member is a plain string. */
    PROPERTIES("properties") {
        @Override
        Object parse(String raw) {
            return raw;
        }
    };

    private final String label;

    ConfigType(String label) {
        this.label = label;
    }

    /** Name used in the documentation table. */
    public String label() {
        return label;
    }

    abstract Object parse(String raw);
}
