package io.twinbridge.gateway.kafka;

/**
 * What the consumer loop reports as it goes, each event once, so that whoever counts (ingest's Micrometer counters)
 * keeps the counts and this transport package keeps none. Called on the consumer thread only, except
 * {@link #onAbandoned}; implementations must be quick and must not throw.
 */
public interface ConsumerEvents {
    /** Nobody listens. */
    ConsumerEvents NONE = new ConsumerEvents() {
        @Override
        public void onConsumed(int records) {
        }

        @Override
        public void onFinished(int records) {
        }

        @Override
        public void onPaused(int partitions) {
        }
    };

    /** Records fetched and handed to the pipeline (a record fetched again after a rebalance comes again). */
    void onConsumed(int records);

    /** Records finished (applied, stale or dead-lettered) whose partition this instance still owns. */
    void onFinished(int records);

    /** Partitions paused by backpressure just now. */
    void onPaused(int partitions);

    /**
     * A record that will not be finished in this process (its tenant is gone, its write failed for good): it stays
     * uncommitted, and so does every later record of its partition, until the partition has a new owner. Called on
     * whichever thread gave the record up.
     */
    default void onAbandoned() {
    }
}
