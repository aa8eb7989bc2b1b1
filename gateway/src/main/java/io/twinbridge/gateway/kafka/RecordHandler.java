package io.twinbridge.gateway.kafka;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles one consumed record. The returned stage completes once the record is finished: applied to its twin or
 * written to the dead-letter topic. Only then may its offset be committed. It completes exceptionally only when the
 * record could not be finished at all (e.g. on shutdown); the record is then left uncommitted and is redelivered.
 */
@FunctionalInterface
public interface RecordHandler {
    CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record);
}
