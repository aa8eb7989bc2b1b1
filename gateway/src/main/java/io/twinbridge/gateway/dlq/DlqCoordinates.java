package io.twinbridge.gateway.dlq;

import java.util.Objects;

/**
 * Where a dead letter sits in its dead-letter topic. Its {@link #ledgerKey()} names it in the replay ledger, so a
 * record is replayed at most once however often the tool runs.
 */
public record DlqCoordinates(String topic, int partition, long offset) {
    public DlqCoordinates {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("negative partition or offset: " + partition + "/" + offset);
        }
    }

    /** {@code <dlqtopic>/<partition>/<offset>}: the ledger key, and the value of the replay header. */
    public String ledgerKey() {
        return topic + "/" + partition + "/" + offset;
    }

    /** The inverse of {@link #ledgerKey()}; topic names cannot contain {@code /}, so the split is unambiguous. */
    public static DlqCoordinates parse(String ledgerKey) {
        int last = ledgerKey.lastIndexOf('/');
        int middle = last <= 0 ? -1 : ledgerKey.lastIndexOf('/', last - 1);
        if (middle <= 0) {
            throw new IllegalArgumentException("not <topic>/<partition>/<offset>: " + ledgerKey);
        }
        try {
            return new DlqCoordinates(ledgerKey.substring(0, middle),
                    Integer.parseInt(ledgerKey.substring(middle + 1, last)),
                    Long.parseLong(ledgerKey.substring(last + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not <topic>/<partition>/<offset>: " + ledgerKey, e);
        }
    }

    @Override
    public String toString() {
        return ledgerKey();
    }
}
