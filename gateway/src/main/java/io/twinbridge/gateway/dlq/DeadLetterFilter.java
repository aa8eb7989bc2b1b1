package io.twinbridge.gateway.dlq;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which dead letters a command works on: those with this error code (exact, e.g. {@code decode.unknown-schema}, or a
 * stage prefix ending in a dot, e.g. {@code decode.}) and dead-lettered at or after {@code since}.
 */
public record DeadLetterFilter(Optional<String> code, Optional<Instant> since) {
    public static final DeadLetterFilter ALL = new DeadLetterFilter(Optional.empty(), Optional.empty());
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhd])");

    public DeadLetterFilter {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(since, "since");
    }

    public boolean matches(DeadLetter letter) {
        boolean codeMatches = code.map(c -> c.endsWith(".") ? letter.code().startsWith(c) : letter.code().equals(c))
                .orElse(true);
        return codeMatches && since.map(s -> !letter.deadLetteredAt().isBefore(s)).orElse(true);
    }

    /**
     * Reads {@code --since}: an instant ({@code 2025-05-01T08:00:00Z}), a UTC day ({@code 2025-05-01}), or a span back
     * from now ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}).
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static Instant parseSince(String text, Clock clock) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration span = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(span);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADay) {
                throw new IllegalArgumentException("cannot read --since '" + text + "': use an instant "
                        + "(2025-05-01T08:00:00Z), a UTC day (2025-05-01) or a span back from now (30m, 2h, 7d)");
            }
        }
    }
}
