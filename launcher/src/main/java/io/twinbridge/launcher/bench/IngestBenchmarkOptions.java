package io.twinbridge.launcher.bench;

import java.time.Duration;

/** Options of {@code ./twinbridge bench ingest}. */
record IngestBenchmarkOptions(long events, int devices, int partitions, int rate, int latencySeconds,
        Duration coalesceWindow) {
    static IngestBenchmarkOptions defaults() {
        return new IngestBenchmarkOptions(1_000_000, 10_000, 4, 5_000, 20, Duration.ofMillis(5));
    }
}
