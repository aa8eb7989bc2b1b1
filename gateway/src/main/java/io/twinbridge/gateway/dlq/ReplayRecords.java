package io.twinbridge.gateway.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The records a replay writes: the dead letter back on its telemetry topic, and its ledger entry. */
public final class ReplayRecords {
    /** Header of a replayed record: the {@link DlqCoordinates#ledgerKey()} of the dead letter it came from. */
    public static final String REPLAY_OF = "twinbridge.replay.of";

    private ReplayRecords() {
    }

    /**
     * Same key, value and original headers as the record that failed, minus the dead-letter headers, plus
     * {@link #REPLAY_OF}. The partition is left to the key, so the record lands where the device's current records go.
     */
    public static ProducerRecord<byte[], byte[]> replay(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : letter.originalHeaders()) {
            // a record replayed before and dead-lettered again names only its latest origin
            if (!h.key().equals(REPLAY_OF)) {
                headers.add(h);
            }
        }
        headers.add(REPLAY_OF, letter.at().ledgerKey().getBytes(StandardCharsets.UTF_8));
        Integer partition = letter.key() == null ? letter.source().partition() : null;
        return new ProducerRecord<>(letter.source().topic(), partition, letter.key(), letter.value(), headers);
    }

    /** The ledger entry: key = the dead letter's ledger key (compaction keeps one per dead letter). */
    public static ProducerRecord<byte[], byte[]> ledgerEntry(String ledgerTopic, DeadLetter letter, Instant now) {
        String value = "{\"replayedTo\":\"" + letter.source().topic() + "\",\"at\":\"" + now + "\"}";
        return new ProducerRecord<>(ledgerTopic, letter.at().ledgerKey().getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
