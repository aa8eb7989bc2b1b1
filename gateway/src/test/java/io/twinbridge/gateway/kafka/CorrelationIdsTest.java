package io.twinbridge.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorrelationIdsTest {

    @ParameterizedTest(name = "header [{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "trace-1        | trace-1",
        "'  trace-2 '   | trace-2",
        "NONE           | p.telemetry.acme/3/42",
        "''             | p.telemetry.acme/3/42",
        "'a\tb'         | p.telemetry.acme/3/42",
    })
    void theHeaderWhenUsableElseTopicPartitionOffset(String header, String expected) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("p.telemetry.acme", 3, 42L, null, null);
        if (header != null) {
            record.headers().add(CorrelationIds.HEADER, header.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(expected, CorrelationIds.of(record));
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({"256, true", "257, false"})
    void overlongIdsAreNotPassedOn(int length, boolean used) {
        String id = "x".repeat(length);
        RecordHeaders headers = new RecordHeaders();
        headers.add(CorrelationIds.HEADER, id.getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 7L, 0L, null, 0, 0, null, null, headers,
                java.util.Optional.empty());
        assertEquals(used ? id : "t/0/7", CorrelationIds.of(record));
    }
}
