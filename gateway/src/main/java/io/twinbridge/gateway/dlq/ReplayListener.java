package io.twinbridge.gateway.dlq;

/** Told how far a replay is, after each committed batch; called on the replaying thread. */
public interface ReplayListener {
    ReplayListener NONE = new ReplayListener() {
        @Override
        public void started(long total) {
        }

        @Override
        public void progress(long scanned, long replayed) {
        }
    };

    /** @param total records in the dead-letter topic's range */
    void started(long total);

    void progress(long scanned, long replayed);
}
