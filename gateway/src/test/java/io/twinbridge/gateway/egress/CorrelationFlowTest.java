package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.readAll;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.kafka.CorrelationIds;
import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import io.twinbridge.gateway.logging.CapturedLogs;
import io.twinbridge.gateway.logging.LogContext;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One correlation id from Kafka through Ditto back to Kafka: a telemetry record's {@code correlation-id} header is the
 * Ditto command's, so the twin-events records of the change carry it; an operator's Ditto request id reaches the device
 * command; a dead letter carries the id it was traced by; and the flow's log lines carry tenant, thing and id.
 */
// reads process-wide state (Vert.x meters on the registry, captured log lines): runs alone, not beside other classes
@org.junit.jupiter.api.parallel.Isolated
@Tag("flow")
class CorrelationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PREFIX = "corr";
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix(PREFIX).topics("telemetry", 2, "acme", "globex");
    private static CapturedLogs logs;

    @BeforeAll
    static void start() throws Exception {
        logs = CapturedLogs.attach();
        STACK.start(EgressTestKit.env(STACK));
    }

    @AfterAll
    static void stop() throws Exception {
        logs.close();
    }

    @Test
    void aTelemetryRecordsCorrelationIdReachesItsTwinEventsAndItsLogLines() throws Exception {
        List<SimRecord> turbine = new FleetSimulator(FleetOptions.defaults().withTopicPrefix(PREFIX)
                .withDevicesPerKind(1).withKinds(EnumSet.of(AssetKind.TURBINE))).stream()
                .filter(r -> r.tenant().equals("acme")).limit(2).toList();
        String thingId = "acme:" + turbine.get(0).key();

        // given: a first record with a correlation id: it creates the thing, the create carrying its values
        send(turbine.get(0), "trace-abc");
        await().atMost(WAIT).ignoreExceptions().until(() -> ofThing(thingId).size() >= 1);
        // and: a second one without: its id is derived from where it was read
        RecordMetadata second = send(turbine.get(1), null);
        String derived = second.topic() + "/" + second.partition() + "/" + second.offset();
        await().atMost(WAIT).ignoreExceptions().until(() -> ofThing(thingId).size() >= 2);

        // then: the created event of the first record and the merged event of the second carry their ids, as header
        // and in the Avro value
        List<ConsumerRecord<byte[], byte[]>> events = ofThing(thingId);
        assertEquals(List.of("trace-abc", derived), events.stream().map(CorrelationFlowTest::header).toList());
        assertEquals(List.of("CREATED", "MERGED"), events.stream().map(e -> EgressTestKit.event(e).action())
                .toList());
        GenericRecord value = decodeEvent(events.get(0));
        assertEquals("trace-abc", value.get("correlationId").toString());
        // and: the gateway's line about creating the thing, written on a Ditto callback thread, names the flow
        CapturedLogs.Line created = logs.lines().stream().filter(l -> l.message().startsWith("Created thing "
                + thingId)).findFirst().orElseThrow();
        assertEquals(Map.of(LogContext.TENANT, "acme", LogContext.THING_ID, thingId, LogContext.CORRELATION_ID,
                "trace-abc"), created.context());
    }

    @Test
    void aDeadLetterCarriesTheIdItWasTracedByAndItsLogLineNamesIt() throws Exception {
        RecordMetadata sent = send(PREFIX + ".telemetry.acme", "WTG-bad", "not avro".getBytes(StandardCharsets.UTF_8),
                null);
        String derived = sent.topic() + "/" + sent.partition() + "/" + sent.offset();

        await().atMost(WAIT).ignoreExceptions().until(() -> !readAll(STACK.kafka(), PREFIX + ".dlq.acme").isEmpty());
        ConsumerRecord<byte[], byte[]> dead = readAll(STACK.kafka(), PREFIX + ".dlq.acme").get(0);
        assertEquals(derived, new String(dead.headers().lastHeader(DeadLetterHeaders.CORRELATION_ID).value(),
                StandardCharsets.UTF_8));
        CapturedLogs.Line line = logs.lines().stream().filter(l -> l.message().startsWith("Dead-lettering "
                + derived.replace("/" + sent.partition() + "/", "-" + sent.partition() + "@"))).findFirst()
                .orElseThrow();
        assertEquals("acme", line.context().get(LogContext.TENANT));
        assertEquals(derived, line.context().get(LogContext.CORRELATION_ID));
        assertFalse(line.context().containsKey(LogContext.THING_ID), "no thing resolved yet: " + line);
    }

    @Test
    void anOperatorsRequestIdReachesTheDeviceCommand() throws Exception {
        String thing = STACK.sandbox().httpUrl() + "/api/2/things/acme:hvac-corr";
        assertEquals(201, EgressTestKit.http("PUT", thing, "application/json",
                "{\"attributes\":{\"model\":\"hvac\"},\"features\":{\"setpoints\":{\"properties\":{}}}}"));

        HttpResponse<Void> patched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(thing + "/features/setpoints/desiredProperties"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ditto:ditto"
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/merge-patch+json")
                .header(CorrelationIds.HEADER, "operator-request-7")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"targetTemperature\":19.5}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(204, patched.statusCode());

        await().atMost(WAIT).ignoreExceptions().until(() -> !readAll(STACK.kafka(), PREFIX + ".commands.acme")
                .isEmpty());
        ConsumerRecord<byte[], byte[]> command = readAll(STACK.kafka(), PREFIX + ".commands.acme").get(0);
        assertEquals("operator-request-7", header(command));
        GenericRecord value = EgressTestKit.commands(STACK.kafka(), PREFIX + ".commands.acme").get(0);
        assertEquals("operator-request-7", value.get("correlationId").toString());
        assertTrue(readAll(STACK.kafka(), PREFIX + ".twin-events.acme").stream()
                .anyMatch(e -> "operator-request-7".equals(header(e))), "the twin event carries it too");
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofThing(String thingId) {
        return readAll(STACK.kafka(), PREFIX + ".twin-events.acme").stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(thingId)).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(CorrelationIds.HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static GenericRecord decodeEvent(ConsumerRecord<byte[], byte[]> record) throws Exception {
        return new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(
                org.apache.avro.generic.GenericData.get(),
                EgressTestKit.MODELS.avroSchema(TwinRecords.TWIN_CHANGE_EVENT).orElseThrow()).decode(record.value());
    }

    private static RecordMetadata send(SimRecord record, String correlationId) throws Exception {
        return send(record.topic(), record.key(), record.value(), correlationId);
    }

    private static RecordMetadata send(String topic, String key, byte[] value, String correlationId)
            throws Exception {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
        if (correlationId != null) {
            CorrelationIds.put(out.headers(), correlationId);
        }
        return STACK.produce(List.of(out)).get(0);
    }
}
