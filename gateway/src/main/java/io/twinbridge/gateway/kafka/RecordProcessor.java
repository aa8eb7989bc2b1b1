package io.twinbridge.gateway.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Handles one consumed record and later tells {@code finisher} exactly once how it ended. Unlike
 * {@link RecordHandler}, it needs no future per record: what a pending record costs is up to the processor (ingest
 * keeps its partition, offset and timestamp, and drops the record's bytes once it is mapped).
 */
@FunctionalInterface
public interface RecordProcessor {

    /** @param partition the record's partition, one shared instance per partition */
    void process(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, RecordFinisher finisher);

    /** A processor that answers each record with a stage. */
    static RecordProcessor of(RecordHandler handler) {
        return (partition, record, finisher) -> {
            java.util.concurrent.CompletionStage<Void> done;
            try {
                done = handler.handle(record);
            } catch (RuntimeException e) {
                finisher.abandoned(partition, record.offset(), e);
                return;
            }
            done.whenComplete((ok, error) -> {
                if (error != null) {
                    finisher.abandoned(partition, record.offset(), error);
                } else {
                    finisher.finished(partition, record.offset());
                }
            });
        };
    }
}
