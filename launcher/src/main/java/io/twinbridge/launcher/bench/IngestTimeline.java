package io.twinbridge.launcher.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.twinbridge.gateway.ingest.IngestService;

/**
 * Samples the ingest gauges every 500 ms into a CSV file while a benchmark runs: what held the gateway back at each
 * moment (the write window, pending twins and bytes, paused partitions). Diagnostic output beside the result file.
 */
final class IngestTimeline implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-timeline");
        t.setDaemon(true);
        return t;
    });
    private final PrintWriter csv;
    private final long start = System.nanoTime();

    IngestTimeline(Path file, IngestService ingest) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.csv = new PrintWriter(Files.newBufferedWriter(file));
        csv.println("seconds,consumed,finished,mergesSent,window,inFlight,readyQueue,pendingTwins,pendingBytes,"
                + "pausedPartitions,inFlightRecords,roundTripMs");
        timer.scheduleAtFixedRate(() -> sample(ingest), 0, 500, TimeUnit.MILLISECONDS);
    }

    private void sample(IngestService ingest) {
        var s = ingest.stats();
        var counts = ingest.consumerCounts();
        var c = ingest.consumerStats();
        csv.printf("%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.2f%n", (System.nanoTime() - start) / 1e9, counts.consumed(),
                counts.finished(), s.mergesSent(), s.writeWindow(), s.writesInFlight(), s.readyQueueLength(),
                s.pendingTwins(), s.pendingPatchBytes(), c.pausedPartitions(), c.inFlightRecords(),
                s.writeRoundTripMillis());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        csv.close();
    }
}
