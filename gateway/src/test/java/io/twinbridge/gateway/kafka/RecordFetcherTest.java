package io.twinbridge.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.testkit.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: a record refused by Ditto is read back from Kafka for the dead-letter topic, since ingest keeps no
 * record's bytes while it waits in a coalesced patch. The record comes back as it was produced (key, value, headers),
 * in any order of offsets, and a record Kafka no longer has is reported as gone.
 */
@Tag("flow")
class RecordFetcherTest {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @Test
    void refusedRecordsComeBackAsProducedAndDeletedOnesAsGone() throws Exception {
        String topic = "fetcher.telemetry.acme";
        TopicPartition tp = new TopicPartition(topic, 0);
        Properties props = KAFKA.cluster().clientProperties();
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 2_000; i++) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("correlation-id", ("c" + i).getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(topic, 0, null, ("k" + i).getBytes(StandardCharsets.UTF_8),
                            ("v" + i).getBytes(StandardCharsets.UTF_8), headers));
                }
                producer.flush();
            }
            try (RecordFetcher fetcher = new RecordFetcher(() -> new KafkaConsumer<>(props,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()), Duration.ofSeconds(30))) {
                for (long offset : new long[] {1_500, 3, 4, 1_999, 0, 777}) {
                    Optional<ConsumerRecord<byte[], byte[]>> r = fetcher.fetch(tp, offset).toCompletableFuture()
                            .get(60, TimeUnit.SECONDS);
                    assertTrue(r.isPresent(), "offset " + offset);
                    assertEquals(offset, r.get().offset());
                    assertArrayEquals(("k" + offset).getBytes(StandardCharsets.UTF_8), r.get().key());
                    assertArrayEquals(("v" + offset).getBytes(StandardCharsets.UTF_8), r.get().value());
                    assertArrayEquals(("c" + offset).getBytes(StandardCharsets.UTF_8),
                            r.get().headers().lastHeader("correlation-id").value());
                }

                // retention took the first hundred records: they are gone, the next one is still there
                admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(100))).all().get(30, TimeUnit.SECONDS);
                assertTrue(fetcher.fetch(tp, 50).toCompletableFuture().get(60, TimeUnit.SECONDS).isEmpty());
                assertEquals(100, fetcher.fetch(tp, 100).toCompletableFuture().get(60, TimeUnit.SECONDS)
                        .orElseThrow().offset());
            }
        }
    }
}
