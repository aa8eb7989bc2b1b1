package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.protocol.HeaderTranslator;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.modify.CreateThing;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge and create messages rendered as text are the messages ditto-client 2.4.0 sent for the same commands: the
 * {@code MergeThing} or {@code CreateThing} signal through Ditto's protocol adapter, as {@code MessagingProvider.emitAdaptable} writes it
 * ({@code ProtocolFactory.wrapAsJsonifiableAdaptable(adaptable).toJsonString()}), with the headers the adapter set.
 */
class ThingCommandTextTest {
    private static final DittoProtocolAdapter PROTOCOL = DittoProtocolAdapter.of(HeaderTranslator.empty());
    private static final String PATCH = "{\"rotor\":{\"properties\":{\"speedRpm\":12.3,\"state\":\"a\\\"b\\u00e9\","
            + "\"angles\":[1,2.5],\"sourceTs\":1717171717000}},\"status\":{\"properties\":{\"ok\":true}}}";

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("acme:WTG-001", "/features", "c-1#tb.1", Duration.ofSeconds(10),
                        Optional.of("or(not(exists(features/rotor/properties/sourceTs)),"
                                + "lt(features/rotor/properties/sourceTs,1717171717000))"), List.of()),
                Arguments.of("org.example.plant:robot_7@line-2", "/features/rotor/properties", "7f3e-\"quoted\"\\x",
                        Duration.ofMillis(1500), Optional.empty(), List.of("twin-persisted")),
                Arguments.of("acme:HVAC-42", "/features", "id with spaces", Duration.ofMillis(250),
                        Optional.of("and(eq(attributes/site,\"Hall \\\"A\\\"\"),exists(features/rotor))"),
                        List.of("twin-persisted", "acme:egress-published")),
                Arguments.of("acme:VEH-9", "/features", "c", Duration.ofMinutes(1), Optional.of("exists(thingId)"),
                        List.of("acme:egress-published")));
    }

    @ParameterizedTest
    @MethodSource("merges")
    void isTheMessageTheProtocolAdapterRenders(String thingId, String path, String correlationId, Duration timeout,
                                               Optional<String> condition, List<String> acks) {
        ThingId id = ThingId.of(thingId);
        JsonPointer pointer = JsonPointer.of(path);
        String text = ThingCommandText.merge(id, pointer, PATCH, correlationId, timeout, condition, acks);

        JsonObject expected = wire(MergeThing.of(id, pointer, JsonFactory.newObject(PATCH),
                headers(correlationId, timeout, condition, acks)));

        assertEquals(expected, JsonFactory.newObject(text));
    }

    @ParameterizedTest
    @MethodSource("merges")
    void createIsTheMessageTheProtocolAdapterRenders(String thingId, String path, String correlationId,
                                                     Duration timeout, Optional<String> condition, List<String> acks) {
        ThingId id = ThingId.of(thingId);
        String thing = "{\"thingId\":\"" + thingId + "\",\"policyId\":\"acme:tenant\",\"definition\":"
                + "\"https://models.example/turbine-1.0.0.tm.jsonld\",\"attributes\":{\"site\":\"Hall \\\"A\\\"\"},"
                + "\"features\":" + PATCH + "}";
        String text = ThingCommandText.create(id, thing, correlationId, timeout, condition, acks);

        JsonObject expected = wire(CreateThing.of(ThingsModelFactory.newThing(thing), null,
                headers(correlationId, timeout, condition, acks)));

        assertEquals(expected, JsonFactory.newObject(text));
    }

    /** The headers the adapter set on a command through ditto-client's model. */
    private static DittoHeaders headers(String correlationId, Duration timeout, Optional<String> condition,
                                        List<String> acks) {
        DittoHeadersBuilder<?, ?> headers = DittoHeaders.newBuilder().correlationId(correlationId)
                .responseRequired(true).timeout(timeout);
        condition.ifPresent(headers::condition);
        if (!acks.isEmpty()) {
            headers.acknowledgementRequests(acks.stream().map(AcknowledgementRequest::parseAcknowledgementRequest)
                    .toList());
        }
        return headers.build();
    }

    /** What ditto-client's {@code MessagingProvider.emitAdaptable} writes for a signal, as JSON. */
    private static JsonObject wire(Signal<?> signal) {
        return ProtocolFactory.wrapAsJsonifiableAdaptable(PROTOCOL.toAdaptable(signal)).toJson();
    }
}
