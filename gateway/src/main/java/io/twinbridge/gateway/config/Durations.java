package io.twinbridge.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one way durations are written in settings and on command lines: a number with a unit. */
public final class Durations {
    private static final Pattern PATTERN = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. A unit is required: a bare number is ambiguous.
     *
     * @throws IllegalArgumentException naming the text, when it is not such a duration
     */
    public static Duration parse(String raw) {
        Matcher m = PATTERN.matcher(raw.trim().toLowerCase(Locale.ROOT));
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
