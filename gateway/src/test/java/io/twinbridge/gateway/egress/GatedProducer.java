package io.twinbridge.gateway.egress;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real producer whose sends can be held back, as when the brokers are unreachable: while closed, records wait in
 * order and their callbacks do not run; opening the gate sends them, in order, to the real broker.
 */
final class GatedProducer extends KafkaProducer<byte[], byte[]> {
    private record Held(ProducerRecord<byte[], byte[]> record, Callback callback) {
    }

    private final List<Held> held = new ArrayList<>();
    private boolean open;

    GatedProducer(Properties properties) {
        super(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (open) {
            return super.send(record, callback);
        }
        held.add(new Held(record, callback));
        return new CompletableFuture<>();
    }

    synchronized void close(boolean closed) {
        open = !closed;
    }

    synchronized int held() {
        return held.size();
    }

    synchronized void open() {
        open = true;
        held.forEach(h -> super.send(h.record(), h.callback()));
        held.clear();
    }
}
