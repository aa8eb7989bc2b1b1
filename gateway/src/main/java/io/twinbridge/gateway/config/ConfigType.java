package io.twinbridge.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            return parseDuration(raw);
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

    private static final Pattern DURATION_PATTERN = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final String label;

    ConfigType(String label) {
        this.label = label;
    }

    /** Name used in the documentation table. */
    public String label() {
        return label;
    }

    abstract Object parse(String raw);

    /** Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. A unit is required: a bare number is ambiguous. */
    static Duration parseDuration(String raw) {
        Matcher m = DURATION_PATTERN.matcher(raw.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + raw + "' is not a duration; use a number with a unit: ms, s, m or h "
                    + "(e.g. 500ms, 10s)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
