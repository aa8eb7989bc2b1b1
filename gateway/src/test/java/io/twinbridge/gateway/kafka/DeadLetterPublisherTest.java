package io.twinbridge.gateway.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.result.Failure;
import io.twinbridge.gateway.result.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Header layout and retry logic; the real-broker path is covered by the ingest integration tests. */
class DeadLetterPublisherTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final DeadLetterPublisher publisher = new DeadLetterPublisher(producer,
            topic -> topic.replace(".telemetry.", ".dlq."),
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), () -> 0.5), scheduler,
            Clock.fixed(Instant.parse("2026-11-26T10:15:30Z"), ZoneOffset.UTC));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static ConsumerRecord<byte[], byte[]> source() {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("tb.telemetry.acme", 3, 42L,
                "turbine-1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        r.headers().add("traceparent", "abc".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void deadLetterKeepsKeyValueAndHeadersAndSaysWhy() {
        ProducerRecord<byte[], byte[]> dl = publisher.toDeadLetter(source(),
                new Failure(Stage.VALIDATE, "validate.out-of-range", "rotor.speed=99 not in [0, 25]"));
        assertEquals("tb.dlq.acme", dl.topic());
        assertArrayEquals("turbine-1".getBytes(StandardCharsets.UTF_8), dl.key());
        assertArrayEquals(new byte[] {1, 2, 3}, dl.value());
        assertEquals("abc", header(dl, "traceparent"));
        assertEquals("tb.telemetry.acme", header(dl, DeadLetterHeaders.TOPIC));
        assertEquals("3", header(dl, DeadLetterHeaders.PARTITION));
        assertEquals("42", header(dl, DeadLetterHeaders.OFFSET));
        assertEquals("validate", header(dl, DeadLetterHeaders.STAGE));
        assertEquals("validate.out-of-range", header(dl, DeadLetterHeaders.CODE));
        assertEquals("rotor.speed=99 not in [0, 25]", header(dl, DeadLetterHeaders.MESSAGE));
        assertEquals("2026-11-26T10:15:30Z", header(dl, DeadLetterHeaders.TIME));
    }

    @Test
    void aFailedWriteIsRetriedUntilItSucceeds() throws Exception {
        CompletableFuture<Void> done = publisher.publish(source(),
                new Failure(Stage.DECODE, "decode.malformed", "bad bytes")).toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        producer.errorNext(new TimeoutException("broker down"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        assertFalse(done.isDone(), "not done while the write has not succeeded");
        producer.errorNext(new TimeoutException("broker still down"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 3);
        producer.completeNext();
        done.get();
        assertEquals(3, producer.history().size());
    }
}
