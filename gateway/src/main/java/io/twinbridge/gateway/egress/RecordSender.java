package io.twinbridge.gateway.egress;

import io.twinbridge.gateway.ditto.TwinEvents;
import io.twinbridge.gateway.kafka.CorrelationIds;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends egress records with the shared idempotent producer; completes when Kafka confirmed or failed the record. */
final class RecordSender {
    private final Producer<byte[], byte[]> producer;

    RecordSender(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * @param resync        marks a record that carries a state read back from Ditto ({@code twinbridge-resync: true})
     * @param correlationId of the Ditto command behind the record: its {@code correlation-id} header
     */
    CompletableFuture<Void> send(String topic, String key, byte[] value, boolean resync,
                                 Optional<String> correlationId) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                value);
        correlationId.ifPresent(id -> CorrelationIds.put(record.headers(), id));
        if (resync) {
            record.headers().add(TwinEvents.RESYNC_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }
}
