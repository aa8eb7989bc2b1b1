package io.twinbridge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.ditto.TwinEvents;
import io.twinbridge.gateway.model.ModelRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

/** The two value formats of twin-event records. */
class TwinRecordsTest {
    private static final ModelRegistry MODELS = ModelRegistry.fromClasspath();
    private static final String DELETED = "{\"topic\":\"acme/t-1/things/twin/events/deleted\",\"headers\":"
            + "{\"correlation-id\":\"c-9\"},\"path\":\"/\",\"revision\":9,\"timestamp\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void dittoJsonIsTheEventExactlyAsDittoSentIt() {
        TwinEvent event = TwinEvents.parse(DELETED).orElseThrow();

        byte[] value = new TwinRecords(MODELS, EgressFormat.DITTO_JSON).twinEvent("acme", event, Optional.empty());

        assertArrayEquals(DELETED.getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void avroIsATwinChangeEventInSingleObjectEncoding() throws Exception {
        TwinEvent event = TwinEvents.parse(DELETED).orElseThrow();

        byte[] value = new TwinRecords(MODELS, EgressFormat.AVRO).twinEvent("acme", event,
                Optional.of("http://models/hvac.tm.jsonld"));

        GenericRecord record = new BinaryMessageDecoder<GenericRecord>(GenericData.get(),
                MODELS.avroSchema(TwinRecords.TWIN_CHANGE_EVENT).orElseThrow()).decode(value);
        assertEquals("acme:t-1", record.get("thingId").toString());
        assertEquals("acme", record.get("tenant").toString());
        assertEquals("DELETED", record.get("action").toString());
        assertEquals("/", record.get("path").toString());
        assertNull(record.get("value"));
        assertEquals(9L, record.get("revision"));
        assertEquals(1767225600000L, record.get("timestamp"));
        assertEquals("http://models/hvac.tm.jsonld", record.get("definition").toString());
        assertEquals("c-9", record.get("correlationId").toString());
    }
}
