package io.twinbridge.sandbox.ditto.rql;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code time:} placeholder of Ditto 3.9.6 ({@code placeholders/ImmutableTimePlaceholder}): {@code now} (ISO-8601
 * instant), {@code now_epoch_millis}, each optionally with {@code +}/{@code -}{@code <duration>} (units of
 * {@code DittoDuration}: ms, s or none, m, h, d, w, mo, y) and a truncation {@code [unit]}. A name it does not support
 * resolves to nothing ({@code null}), as {@code ThingPredicatePredicateVisitor.resolveValue} then yields.
 */
final class TimePlaceholder {

    private static final String NOW = "now";
    private static final String NOW_EPOCH_MILLIS = "now_epoch_millis";
    /** DittoDuration.DittoTimeUnit in declaration order (their regexes are tried in this order). */
    private static final String[] UNITS = {"s", "", "ms", "m", "h", "d", "w", "mo", "y"};
    private static final Map<String, ChronoUnit> CHRONO = Map.of("s", ChronoUnit.SECONDS, "", ChronoUnit.SECONDS,
            "ms", ChronoUnit.MILLIS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS,
            "w", ChronoUnit.WEEKS, "mo", ChronoUnit.MONTHS, "y", ChronoUnit.YEARS);

    private TimePlaceholder() {
    }

    /** The value of {@code time:<name>} at {@code now}, or null if the name is not supported. */
    static String resolve(final String name, final Instant now) {
        if (!name.startsWith(NOW)) {
            return null;
        }
        final boolean millis = name.startsWith(NOW_EPOCH_MILLIS);
        final String suffix = name.replace(millis ? NOW_EPOCH_MILLIS : NOW, "");
        if (suffix.isEmpty()) {
            return format(now, millis);
        }
        try {
            Instant time = now;
            final int truncateStart = suffix.indexOf('[');
            final boolean truncates = truncateStart >= 0 && suffix.contains("]");
            ChronoUnit truncateTo = null;
            if (truncates) {
                truncateTo = CHRONO.get(suffix.substring(truncateStart + 1, suffix.lastIndexOf(']')));
                if (truncateTo == null) {
                    return null;
                }
            }
            final char sign = suffix.charAt(0);
            if (sign == '-' || sign == '+') {
                final Duration duration = duration(truncateStart > 0 && truncates
                        ? suffix.substring(1, truncateStart) : suffix.substring(1));
                if (duration == null) {
                    return null;
                }
                time = sign == '-' ? time.minus(duration) : time.plus(duration);
            } else if (!truncates) {
                return null;
            }
            return format(truncateTo == null ? time : truncate(time, truncateTo), millis);
        } catch (final RuntimeException invalid) {
            // ImmutableTimePlaceholder.supports refuses what DittoDuration cannot parse: no value
            return null;
        }
    }

    private static String format(final Instant instant, final boolean millis) {
        return millis ? String.valueOf(instant.toEpochMilli()) : instant.toString();
    }

    /** DittoDuration.parseDuration: the first unit whose "[+-]?\d++<unit>" matches; weeks and more as days. */
    private static Duration duration(final String text) {
        for (final String unit : UNITS) {
            final Matcher m = Pattern.compile("(?<amount>[+-]?\\d++)(?<unit>" + unit + ")").matcher(text);
            if (m.matches()) {
                final long amount = Long.parseLong(m.group("amount"));
                if (amount < 0) {
                    return null;
                }
                switch (unit) {
                    case "w": return ChronoUnit.DAYS.getDuration().multipliedBy(7 * amount);
                    case "mo": return ChronoUnit.MONTHS.getDuration().multipliedBy(amount);
                    case "y": return ChronoUnit.YEARS.getDuration().multipliedBy(amount);
                    default: return CHRONO.get(unit).getDuration().multipliedBy(amount);
                }
            }
        }
        return null;
    }

    private static Instant truncate(final Instant instant, final ChronoUnit unit) {
        switch (unit) {
            case WEEKS:
                return ZonedDateTime.ofInstant(instant, ZoneId.systemDefault())
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS)
                        .toInstant();
            case MONTHS:
                return ZonedDateTime.ofInstant(instant, ZoneId.systemDefault())
                        .with(TemporalAdjusters.firstDayOfMonth()).truncatedTo(ChronoUnit.DAYS).toInstant();
            case YEARS:
                return ZonedDateTime.ofInstant(instant, ZoneId.systemDefault())
                        .with(TemporalAdjusters.firstDayOfYear()).truncatedTo(ChronoUnit.DAYS).toInstant();
            default:
                return instant.truncatedTo(unit);
        }
    }
}
