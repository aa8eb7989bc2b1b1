package io.twinbridge.gateway.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt keys: the closest known key by edit distance, if it is close enough. */
final class Suggestions {
    private Suggestions() {
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(unknown, k)))
                .filter(k -> distance(unknown, k) <= Math.max(2, k.length() / 3));
    }

    static String didYouMean(String unknown, Collection<String> known) {
        return closest(unknown, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
