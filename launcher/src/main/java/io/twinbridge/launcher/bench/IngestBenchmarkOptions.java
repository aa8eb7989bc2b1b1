package io.twinbridge.launcher.bench;

import java.time.Duration;

/**
 * Options of {@code ./twinbridge bench ingest}.
 *
 * @param naiveEvents     records of the naive baseline (a prefix of the preloaded ones); 0 skips it
 * @param sandboxProcess  the Ditto sandbox runs in a JVM of its own (as Ditto does), not in the benchmark's
 * @param warmEvents      records of the steady-state phase, ingested by a new gateway once every twin exists; 0 skips
 */
record IngestBenchmarkOptions(long events, int devices, int partitions, int rate, int latencySeconds,
        Duration coalesceWindow, long naiveEvents, boolean sandboxProcess, long warmEvents) {
    /** The defaults; the steady-state phase ingests as many records as the first ({@code --warm-events}). */
    static IngestBenchmarkOptions defaults() {
        return new IngestBenchmarkOptions(1_000_000, 10_000, 4, 5_000, 20, Duration.ofMillis(5), 20_000, true,
                1_000_000);
    }
}
