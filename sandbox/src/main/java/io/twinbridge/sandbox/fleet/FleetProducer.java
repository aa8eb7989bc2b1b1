package io.twinbridge.sandbox.fleet;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends simulated records to Kafka at a bounded rate until a record count or a duration is reached, whichever comes
 * first, then flushes. Key = device id, value = the encoded telemetry. {@link #run} blocks; call it from a thread of
 * your own, and {@link #stop} from any thread to end early.
 */
public final class FleetProducer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetProducer.class);

    /**
     * @param ratePerSecond records per second, across all devices
     * @param maxRecords    stop after this many records
     * @param maxDuration   stop after this much wall time
     */
    public record Limits(double ratePerSecond, long maxRecords, Duration maxDuration) {
        public Limits {
            Objects.requireNonNull(maxDuration, "maxDuration");
            if (!(ratePerSecond > 0) || maxRecords < 0 || maxDuration.isNegative()) {
                throw new IllegalArgumentException("rate must be positive, count and duration not negative");
            }
        }
    }

    /** What a run did: records handed to the producer, acknowledged by the broker, and failed. */
    public record Outcome(long sent, long acknowledged, long failed) {
    }

    private final Producer<String, byte[]> producer;
    private volatile boolean stopped;

    public FleetProducer(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** A producer with idempotence on, acks=all, and the given bootstrap servers. */
    public static FleetProducer connect(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "twinbridge-fleet-simulator");
        return new FleetProducer(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    public void stop() {
        stopped = true;
    }

    public Outcome run(Iterator<SimRecord> records, Limits limits) {
        TokenBucket bucket = new TokenBucket(limits.ratePerSecond(), Math.max(1, limits.ratePerSecond() / 10),
                System::nanoTime);
        long deadline = System.nanoTime() + limits.maxDuration().toNanos();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long sent = 0;
        while (!stopped && sent < limits.maxRecords() && System.nanoTime() < deadline && records.hasNext()) {
            bucket.take();
            SimRecord record = records.next();
            producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
                if (error == null) {
                    acknowledged.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstError.compareAndSet(null, error);
                }
            });
            sent++;
        }
        producer.flush();
        if (firstError.get() != null) {
            LOG.warn("{} of {} simulated records failed to send; first error", failed.get(), sent, firstError.get());
        }
        return new Outcome(sent, acknowledged.get(), failed.get());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
