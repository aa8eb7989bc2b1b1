package io.twinbridge.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed value. Throws {@link IllegalArgumentException} with a reason; the loader adds key and source.
 * The {@link #describe()} text goes into the configuration reference.
 */
public interface Validator {
    void check(Object value);

    String describe();

    static Validator any() {
        return of("", v -> { });
    }

    static Validator nonBlank() {
        return of("not blank", v -> {
            if (((String) v).isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
        });
    }

    static Validator port() {
        return of("0-65535 (0 = pick a free port)", v -> {
            int p = (Integer) v;
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException(p + " is not a TCP port (0-65535)");
            }
        });
    }

    static Validator intBetween(int min, int max) {
        return of(min + ".." + max, v -> {
            int i = (Integer) v;
            if (i < min || i > max) {
                throw new IllegalArgumentException(i + " is outside " + min + ".." + max);
            }
        });
    }

    static Validator oneOf(String... accepted) {
        Set<String> allowed = Set.of(accepted);
        return of("one of " + String.join(", ", accepted), v -> {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ", accepted));
            }
        });
    }

    static Validator httpUrlOrEmpty() {
        return of("empty, or an http(s) URL", v -> {
            String s = (String) v;
            if (!s.isEmpty() && !s.matches("https?://[^\\s/]+(/\\S*)?")) {
                throw new IllegalArgumentException("'" + s + "' is not an http(s) URL");
            }
        });
    }

    static Validator durationBetween(Duration min, Duration max) {
        return of(min.toMillis() + "ms-" + max.toSeconds() + "s", v -> {
            Duration d = (Duration) v;
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(d.toMillis() + "ms is outside " + min.toMillis() + "ms.."
                        + max.toMillis() + "ms");
            }
        });
    }

    static Validator uriScheme(String... schemes) {
        Set<String> allowed = Set.of(schemes);
        return of("scheme " + String.join(" or ", schemes), v -> {
            String scheme = ((URI) v).getScheme();
            if (!allowed.contains(scheme)) {
                throw new IllegalArgumentException("scheme '" + scheme + "' is not one of " + String.join(", ", schemes));
            }
        });
    }

    static Validator hostPortList() {
        Pattern hostPort = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}");
        return of("non-empty list of host:port", v -> {
            List<?> items = (List<?>) v;
            if (items.isEmpty()) {
                throw new IllegalArgumentException("needs at least one host:port");
            }
            for (Object item : items) {
                if (!hostPort.matcher((String) item).matches()) {
                    throw new IllegalArgumentException("'" + item + "' is not host:port");
                }
            }
        });
    }

    static Validator matchingEach(String what, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return of("each " + what, v -> {
            List<?> items = (List<?>) v;
            if (items.isEmpty()) {
                throw new IllegalArgumentException("needs at least one entry");
            }
            for (Object item : items) {
                if (!pattern.matcher((String) item).matches()) {
                    throw new IllegalArgumentException("'" + item + "' is not " + what);
                }
            }
            if (items.stream().distinct().count() != items.size()) {
                throw new IllegalArgumentException("contains duplicates: " + items);
            }
        });
    }

    /** Like {@link #matchingEach}, but an empty list is fine too. */
    static Validator matchingEachOrNone(String what, String regex) {
        Validator each = matchingEach(what, regex);
        return of("each " + what + " (or none)", v -> {
            if (!((List<?>) v).isEmpty()) {
                each.check(v);
            }
        });
    }

    static Validator matching(String what, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return of(what, v -> {
            if (!pattern.matcher((String) v).matches()) {
                throw new IllegalArgumentException("'" + v + "' is not " + what);
            }
        });
    }

    private static Validator of(String description, java.util.function.Consumer<Object> check) {
        return new Validator() {
            @Override
            public void check(Object value) {
                check.accept(value);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
