package io.twinbridge.launcher.bench;

import java.util.Arrays;

/** Percentiles of a set of latency samples, nearest-rank. */
record Percentiles(long count, double p50, double p99, double max) {

    static Percentiles of(long[] samples, int size) {
        if (size == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Percentiles(size, rank(sorted, 0.50), rank(sorted, 0.99), sorted[size - 1]);
    }

    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
