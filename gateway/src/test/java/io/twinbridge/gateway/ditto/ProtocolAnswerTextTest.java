package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolAnswerTextTest {

    /** Answers as Ditto 3.9.6 sends them (protocol-specification-things-merge.md, -create-or-modify.md, errors). */
    private static final String MERGE_ANSWER = """
            {"topic":"org.acme/pump-1/things/twin/commands/merge","headers":{"correlation-id":"c-1",\
            "content-type":"application/json","response-required":false},"path":"/features/pump/properties",\
            "status":204}""";
    private static final String CREATE_ANSWER = """
            {"topic":"org.acme/pump-1/things/twin/commands/create","headers":{"correlation-id":"c-2"},\
            "path":"/","value":{"thingId":"org.acme:pump-1","policyId":"org.acme:pump-1",\
            "features":{"pump":{"properties":{"rpm":10,"ts":1733526000123,"t":-1.5e-3,"ok":true,"x":null,\
            "tags":["a","b\\"c"]}}}},"status":201}""";
    private static final String CONDITION_FAILED = """
            {"topic":"org.acme/pump-1/things/twin/errors","headers":{"correlation-id":"c-3"},"path":"/",\
            "value":{"status":412,"error":"things:condition.failed","message":"The specified condition does not \
            match the state of the requested Thing."},"status":412}""";

    @Test
    void readsTheCorrelationIdTheStatusAndTheValueOfDittosAnswers() {
        ProtocolAnswerText merge = ProtocolAnswerText.read(MERGE_ANSWER).orElseThrow();
        assertEquals(Optional.of("c-1"), merge.correlationId());
        assertEquals(OptionalInt.of(204), merge.status());
        assertTrue(merge.isSuccess());
        assertEquals(Optional.empty(), merge.valueText());

        ProtocolAnswerText create = ProtocolAnswerText.read(CREATE_ANSWER).orElseThrow();
        assertEquals(Optional.of("c-2"), create.correlationId());
        assertTrue(create.isSuccess());
        assertEquals(JsonFactory.readFrom(CREATE_ANSWER).asObject().getValue("value").orElseThrow(),
                JsonFactory.readFrom(create.valueText().orElseThrow()));

        ProtocolAnswerText refused = ProtocolAnswerText.read(CONDITION_FAILED).orElseThrow();
        assertEquals(OptionalInt.of(412), refused.status());
        assertFalse(refused.isSuccess());
    }

    @Test
    void agreesWithDittosParserOnEveryAnswerOfAProtocolAdaptable() {
        for (String text : List.of(MERGE_ANSWER, CREATE_ANSWER, CONDITION_FAILED)) {
            Adaptable parsed = ProtocolFactory.jsonifiableAdaptableFromJson(JsonObject.of(text));
            ProtocolAnswerText read = ProtocolAnswerText.read(text).orElseThrow();
            assertEquals(parsed.getDittoHeaders().getCorrelationId(), read.correlationId(), text);
            assertEquals(DittoResponses.isSuccess(parsed), read.isSuccess(), text);
            assertEquals(parsed.getPayload().getValue(), read.valueText().map(JsonFactory::readFrom), text);
        }
    }

    @Test
    void anAnswerWithoutStatusIsASuccessAsDittoResponsesReadsIt() {
        ProtocolAnswerText read = ProtocolAnswerText.read("{\"headers\":{}}").orElseThrow();
        assertEquals(OptionalInt.empty(), read.status());
        assertTrue(read.isSuccess());
        assertEquals(Optional.empty(), read.correlationId());
    }

    @Test
    void decodesEscapesInKeysAndInTheCorrelationIdAndTakesTheLastOfRepeatedKeys() {
        ProtocolAnswerText read = ProtocolAnswerText.read(
                "{ \"st\\u0061tus\" : 500, \"headers\" : {\"correlation-id\":\"a\\\"b\\\\c\\u00e9\"}, \"status\":201 }")
                .orElseThrow();
        assertEquals(Optional.of("a\"b\\c\u00e9"), read.correlationId());
        assertEquals(OptionalInt.of(201), read.status());
    }

    @Test
    void headersThatAreNotAnObjectOrAnIdThatIsNotAStringGiveNoCorrelationId() {
        assertEquals(Optional.empty(), ProtocolAnswerText.read("{\"headers\":[\"correlation-id\",\"x\"]}")
                .orElseThrow().correlationId());
        assertEquals(Optional.empty(), ProtocolAnswerText.read("{\"headers\":{\"correlation-id\":7}}")
                .orElseThrow().correlationId());
        // repeated ids: the last counts, as in ditto-json's parse of the same text
        for (String text : List.of("{\"headers\":{\"correlation-id\":\"a\",\"correlation-id\":1}}",
                "{\"headers\":{\"correlation-id\":1,\"correlation-id\":\"b\"}}",
                "{\"headers\":{\"correlation-id\":\"a\"},\"headers\":{}}")) {
            Optional<String> parsed = JsonObject.of(text).getValue("headers").map(JsonValue::asObject)
                    .flatMap(h -> h.getValue("correlation-id")).filter(JsonValue::isString).map(JsonValue::asString);
            assertEquals(parsed, ProtocolAnswerText.read(text).orElseThrow().correlationId(), text);
        }
        assertEquals(Optional.of("b"), ProtocolAnswerText.read(
                "{\"headers\":{\"correlation-id\":1,\"correlation-id\":\"b\"}}").orElseThrow().correlationId());
        // the id in the value's headers is not the message's
        assertEquals(Optional.empty(), ProtocolAnswerText.read(
                "{\"value\":{\"headers\":{\"correlation-id\":\"inner\"}}}").orElseThrow().correlationId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "START-SEND-EVENTS:ACK", "[]", "{", "{}x", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}",
            "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}",
            "{\"a\":\"open}", "{\"status\":\"204\"}", "{\"status\":204.0}", "{\"status\":99999999999}",
            "{\"a\":[1 2]}", "{\"a\":\"tab\there\"}"})
    void refusesWhatIsNotOneJsonObjectOrHasAStatusThatIsNotAnInteger(String text) {
        assertEquals(Optional.empty(), ProtocolAnswerText.read(text), text);
    }

    @Test
    void refusesANestingDeeperThanItsBound() {
        String deep = "{\"value\":" + "[".repeat(JsonMembers.MAX_DEPTH + 1)
                + "]".repeat(JsonMembers.MAX_DEPTH + 1) + "}";
        assertEquals(Optional.empty(), ProtocolAnswerText.read(deep));
        String bounded = "{\"value\":" + "[".repeat(JsonMembers.MAX_DEPTH - 1)
                + "]".repeat(JsonMembers.MAX_DEPTH - 1) + "}";
        assertTrue(ProtocolAnswerText.read(bounded).isPresent());
    }

    /** Random answers: whatever the reader reads, ditto-json reads the same from the same text. */
    @Test
    void agreesWithDittoJsonOnGeneratedMessages() {
        Random random = new Random(20261207L);
        for (int i = 0; i < 2_000; i++) {
            String text = randomMessage(random);
            JsonObject parsed = JsonObject.of(text);
            ProtocolAnswerText read = ProtocolAnswerText.read(text).orElseThrow(() -> new AssertionError(text));
            Optional<String> id = parsed.getValue("headers").filter(JsonValue::isObject)
                    .flatMap(h -> h.asObject().getValue("correlation-id")).filter(JsonValue::isString)
                    .map(JsonValue::asString);
            assertEquals(id, read.correlationId(), text);
            assertEquals(parsed.getValue("status").map(JsonValue::asInt).map(OptionalInt::of)
                    .orElse(OptionalInt.empty()), read.status(), text);
            assertEquals(parsed.getValue("value"), read.valueText().map(JsonFactory::readFrom), text);
        }
    }

    private static String randomMessage(Random random) {
        List<String> members = new ArrayList<>();
        members.add("\"topic\":\"org.acme/x/things/twin/commands/merge\"");
        if (random.nextBoolean()) {
            members.add("\"headers\":{\"content-type\":\"application/json\",\"correlation-id\":"
                    + JsonValue.of("id-" + random.nextInt(1000) + (random.nextBoolean() ? "\"\\é" : "")) + "}");
        }
        if (random.nextBoolean()) {
            members.add("\"value\":" + randomValue(random, 0));
        }
        if (random.nextBoolean()) {
            members.add("\"status\":" + (200 + random.nextInt(400)));
        }
        members.add("\"extra\":" + randomValue(random, 0));
        java.util.Collections.shuffle(members, random);
        String space = random.nextBoolean() ? " " : "";
        return "{" + space + String.join("," + space, members) + space + "}";
    }

    private static String randomValue(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> JsonValue.of(random.nextLong()).toString();
            case 1 -> JsonValue.of(random.nextDouble() * 1e6 - 5e5).toString();
            case 2 -> JsonValue.of("s" + random.nextInt() + (random.nextBoolean() ? "\n\"\\/" : "")).toString();
            case 3 -> random.nextBoolean() ? "true" : "null";
            case 4 -> {
                StringBuilder object = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    object.append(i > 0 ? "," : "").append("\"k").append(i).append("\":")
                            .append(randomValue(random, depth + 1));
                }
                yield object.append('}').toString();
            }
            default -> {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.append(i > 0 ? "," : "").append(randomValue(random, depth + 1));
                }
                yield array.append(']').toString();
            }
        };
    }
}
