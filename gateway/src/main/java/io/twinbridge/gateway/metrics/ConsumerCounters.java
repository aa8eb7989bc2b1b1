package io.twinbridge.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinbridge.gateway.kafka.ConsumerEvents;

/**
 * The consumer loop's events as Micrometer counters: each event is counted once, here, in the registry, and every
 * read (dashboard, tests, {@code /metrics}) reads the registry. The levels of the loop (paused and assigned partitions,
 * records in flight, lag) are gauges read from {@link io.twinbridge.gateway.kafka.IngestConsumerStats}.
 */
public final class ConsumerCounters implements ConsumerEvents {
    private final Counter consumed;
    private final Counter finished;
    private final Counter pauses;
    private final Counter abandoned;

    /** Registers the counters (at 0 until the loop reports). */
    public ConsumerCounters(MeterRegistry registry) {
        this.consumed = Counter.builder(MetricNames.CONSUMER_POLLED)
                .description("Records the consumer fetched and handed to the pipeline").register(registry);
        this.finished = Counter.builder(MetricNames.CONSUMER_FINISHED)
                .description("Records finished: applied, stale or dead-lettered").register(registry);
        this.pauses = Counter.builder(MetricNames.CONSUMER_PAUSES)
                .description("Partitions paused by backpressure, each time").register(registry);
        this.abandoned = Counter.builder(MetricNames.CONSUMER_ABANDONED)
                .description("Records given up in this process: uncommitted, with every later record of their"
                        + " partition, until the partition has a new owner").register(registry);
    }

    @Override
    public void onConsumed(int records) {
        consumed.increment(records);
    }

    @Override
    public void onFinished(int records) {
        finished.increment(records);
    }

    @Override
    public void onPaused(int partitions) {
        pauses.increment(partitions);
    }

    /** Thread-safe, as Micrometer's counters are: a record is given up on whichever thread its failure arrives. */
    @Override
    public void onAbandoned() {
        abandoned.increment();
    }

    public long abandoned() {
        return Math.round(abandoned.count());
    }

    public long consumed() {
        return Math.round(consumed.count());
    }

    public long finished() {
        return Math.round(finished.count());
    }

    public long pauses() {
        return Math.round(pauses.count());
    }
}
