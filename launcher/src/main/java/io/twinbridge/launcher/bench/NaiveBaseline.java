package io.twinbridge.launcher.bench;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.codec.Codecs;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoRequestOptions;
import io.twinbridge.gateway.mapping.TelemetryMappers;
import io.twinbridge.gateway.mapping.TwinPatch;
import io.twinbridge.gateway.result.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The naive baseline of issue 12: what Ditto's own Kafka connection or a Kafka Connect HTTP sink does. One merge per
 * event, no coalescing, no freshness condition, each record finished when its merge is answered, with as many merges
 * in flight as the gateway's largest write window. Reads the first {@code count} records of the topic with a group of
 * its own, through the same decoder, mapper and Ditto adapter as the gateway; no offsets are committed (a sink
 * would commit, which only costs it more).
 */
final class NaiveBaseline {
    private final Codecs codecs;
    private final TelemetryMappers mappers;
    private final DittoPort ditto;
    private final int concurrency;

    NaiveBaseline(Codecs codecs, TelemetryMappers mappers, DittoPort ditto, int concurrency) {
        this.codecs = codecs;
        this.mappers = mappers;
        this.ditto = ditto;
        this.concurrency = concurrency;
    }

    /** Events per second from the first merge sent to the last one answered. */
    double run(String bootstrapServers, String topic, String tenant, long count) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        AtomicLong failed = new AtomicLong();
        long sent = 0;
        long start = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = IngestBenchmark.fromBeginning(bootstrapServers, "bench-naive",
                topic)) {
            while (sent < count) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (sent >= count) {
                        break;
                    }
                    Result<TwinPatch> patch = codecs.forKind(CodecKind.AUTO).decode(r.value()).flatMap(mappers::map);
                    if (!patch.isOk()) {
                        throw new IllegalStateException("a preloaded record does not map: " + patch);
                    }
                    slots.acquire();
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    ThingId thing = ThingId.of(tenant + ":" + new String(r.key(), StandardCharsets.UTF_8));
                    ditto.mergeThing(thing, JsonPointer.empty(), patch.value().toMergePatch(),
                            DittoRequestOptions.defaults()).whenComplete((ok, error) -> {
                                if (error != null) {
                                    failed.incrementAndGet();
                                }
                                slots.release();
                            });
                    sent++;
                }
            }
        }
        if (!slots.tryAcquire(concurrency, 10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the naive baseline's merges were not all answered in 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            System.err.printf("naive baseline: %,d of %,d merges failed%n", failed.get(), count);
        }
        return count / seconds;
    }
}
