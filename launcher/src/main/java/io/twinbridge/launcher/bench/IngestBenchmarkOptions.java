package io.twinbridge.launcher.bench;

import java.time.Duration;

/**
 * Options of {@code ./twinbridge bench ingest}.
 *
 * @param naiveEvents records of the naive baseline (a prefix of the preloaded ones); 0 skips it
 */
record IngestBenchmarkOptions(long events, int devices, int partitions, int rate, int latencySeconds,
        Duration coalesceWindow, long naiveEvents) {
    static IngestBenchmarkOptions defaults() {
        return new IngestBenchmarkOptions(1_000_000, 10_000, 4, 5_000, 20, Duration.ofMillis(5), 20_000);
    }

    IngestBenchmarkOptions withNaiveEvents(long n) {
        return new IngestBenchmarkOptions(events, devices, partitions, rate, latencySeconds, coalesceWindow, n);
    }
}
