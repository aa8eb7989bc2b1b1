package io.twinbridge.gateway.kafka;

import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.result.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.logging.log4j.CloseableThreadContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a record that cannot be applied to its tenant's dead-letter topic: key and value unchanged, original headers
 * kept, plus {@link DeadLetterHeaders} saying where it came from and why. A failed write is retried with backoff until
 * it succeeds or the publisher is closed; a dead letter is never skipped.
 */
public final class DeadLetterPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final int MAX_MESSAGE_CHARS = 2_000;

    private final Supplier<Producer<byte[], byte[]>> producer;
    private final UnaryOperator<String> dlqTopicFor;
    private final Backoff backoff;
    private final ScheduledExecutorService retryScheduler;
    private final Clock clock;
    private volatile boolean closed;

    /**
     * @param dlqTopicFor maps a source topic to its dead-letter topic, e.g. {@code p.telemetry.acme -> p.dlq.acme}
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, UnaryOperator<String> dlqTopicFor, Backoff backoff,
            ScheduledExecutorService retryScheduler, Clock clock) {
        this(constant(Objects.requireNonNull(producer, "producer")), dlqTopicFor, backoff, retryScheduler, clock);
    }

    /**
     * @param producer asked at each publication: an owner that opens its producer only when it starts (no client
     *                 in a constructor) hands its field over here
     */
    public DeadLetterPublisher(Supplier<Producer<byte[], byte[]>> producer, UnaryOperator<String> dlqTopicFor,
            Backoff backoff, ScheduledExecutorService retryScheduler, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.dlqTopicFor = Objects.requireNonNull(dlqTopicFor, "dlqTopicFor");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.retryScheduler = Objects.requireNonNull(retryScheduler, "retryScheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Completes once the dead letter is acknowledged by Kafka; fails only if the publisher is closed first, or if the
     * source topic has no dead-letter topic.
     */
    public CompletionStage<Void> publish(ConsumerRecord<byte[], byte[]> source, Failure failure) {
        ProducerRecord<byte[], byte[]> record;
        try {
            record = toDeadLetter(source, failure);
        } catch (RuntimeException e) {
            // no dead-letter topic for the source (its tenant was removed meanwhile): the record stays uncommitted
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(record, done, 0, LogContext.capture());
        return done;
    }

    private static Supplier<Producer<byte[], byte[]>> constant(Producer<byte[], byte[]> producer) {
        return () -> producer;
    }

    /** Stops retrying; pending publications fail and their records stay uncommitted. */
    public void close() {
        closed = true;
    }

    ProducerRecord<byte[], byte[]> toDeadLetter(ConsumerRecord<byte[], byte[]> source, Failure failure) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : source.headers()) {
            headers.add(h);
        }
        put(headers, DeadLetterHeaders.TOPIC, source.topic());
        put(headers, DeadLetterHeaders.PARTITION, Integer.toString(source.partition()));
        put(headers, DeadLetterHeaders.OFFSET, Long.toString(source.offset()));
        put(headers, DeadLetterHeaders.STAGE, failure.stage().label());
        put(headers, DeadLetterHeaders.CODE, failure.code());
        String message = failure.message();
        put(headers, DeadLetterHeaders.MESSAGE,
                message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message);
        put(headers, DeadLetterHeaders.TIME, clock.instant().toString());
        if (headers.lastHeader(DeadLetterHeaders.CORRELATION_ID) == null) {
            put(headers, DeadLetterHeaders.CORRELATION_ID, CorrelationIds.of(source));
        }
        return new ProducerRecord<>(dlqTopicFor.apply(source.topic()), null, source.key(), source.value(), headers);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** @param context the flow's log context, for the warnings of retries on other threads */
    private void attempt(ProducerRecord<byte[], byte[]> record, CompletableFuture<Void> done, int attempt,
            LogContext.Snapshot context) {
        if (closed) {
            done.completeExceptionally(new IllegalStateException("dead-letter publisher closed"));
            return;
        }
        try {
            producer.get().send(record, (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    try (CloseableThreadContext.Instance ignored = context.open()) {
                        retryLater(record, done, attempt, error, context);
                    }
                }
            });
        } catch (RuntimeException e) {
            retryLater(record, done, attempt, e, context);
        }
    }

    private void retryLater(ProducerRecord<byte[], byte[]> record, CompletableFuture<Void> done, int attempt,
            Throwable error, LogContext.Snapshot context) {
        long delay = backoff.delay(attempt).toMillis();
        LOG.warn("Dead-letter write to {} failed (attempt {}), retrying in {} ms: {}", record.topic(), attempt + 1,
                delay, error.toString());
        try {
            retryScheduler.schedule(() -> attempt(record, done, attempt + 1, context), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            done.completeExceptionally(rejected);
        }
    }
}
