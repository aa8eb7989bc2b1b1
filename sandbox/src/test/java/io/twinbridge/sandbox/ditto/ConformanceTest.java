package io.twinbridge.sandbox.ditto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every supported command example, sent over a raw WebSocket to a sandbox holding the state it needs, must be
 * answered with the topic, path, status, value and correlation id of the example's response file.
 */
@Tag("flow")
class ConformanceTest {

    /** Examples the sandbox does not support, with the reason; docs/sandbox.md lists the same. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("things/commands/modify/createthingalternatives.json", "_copyPolicyFrom is not supported"),
            Map.entry("things/commands/modify/modifythingalternatives.json", "_copyPolicyFrom is not supported"),
            Map.entry("policies/commands/modify/deleteimport.json", "policy imports are Ditto 3 only"),
            Map.entry("policies/commands/modify/modifyimport.json", "policy imports are Ditto 3 only"),
            Map.entry("policies/commands/modify/modifyimports.json", "policy imports are Ditto 3 only"),
            Map.entry("policies/commands/query/retrieveimport.json", "policy imports are Ditto 3 only"),
            Map.entry("policies/commands/query/retrieveimports.json", "policy imports are Ditto 3 only"),
            Map.entry("policies/commands/modify/deletereferences.json", "entry references are Ditto 3 only"),
            Map.entry("policies/commands/modify/modifyreferences.json", "entry references are Ditto 3 only"),
            Map.entry("policies/commands/query/retrievereferences.json", "entry references are Ditto 3 only"));

    /** Response files of supported commands that describe a case that cannot occur in the sandbox. */
    static final Map<String, String> UNREACHABLE_RESPONSES = Map.of(
            "things/commands/modify/modifypolicyidresponsecreated.json",
            "in API v2 every thing has a policyId, so ModifyPolicyId always answers 204");

    /** Examples whose response value contradicts their own command value; the command's value is expected. */
    static final Map<String, String> INCONSISTENT_RESPONSE_VALUES = Map.of(
            "things/commands/modify/modifyfeaturedesiredpropertiesresponsecreated.json",
            "the response has y=5 where the command sends y=3");

    static Stream<Arguments> cases() {
        final List<Arguments> cases = new ArrayList<>();
        for (final String command : Examples.commandFiles()) {
            if (!UNSUPPORTED.containsKey(command)) {
                for (final String response : Examples.responsesOf(command)) {
                    if (!UNREACHABLE_RESPONSES.containsKey(response)) {
                        cases.add(Arguments.of(command, response));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void answersLikeTheExample(final String commandFile, final String responseFile) throws Exception {
        final JsonObject command = ExampleState.withAdmin(ExampleState.normalized(Examples.read(commandFile)));
        final JsonObject example = ExampleState.normalized(Examples.read(responseFile));
        final JsonObject expected = INCONSISTENT_RESPONSE_VALUES.containsKey(responseFile)
                ? example.setValue(JsonFactory.newKey("value"), command.getValue("value").orElseThrow()) : example;
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            ExampleState.prepare(sandbox.store(), command, expected);
            try (WsTestClient client = WsTestClient.connect(sandbox, "ditto", "ditto")) {
                final String correlationId = UUID.randomUUID().toString();
                client.send(command.setValue(org.eclipse.ditto.json.JsonPointer.of("/headers/correlation-id"), org.eclipse.ditto.json.JsonValue.of(correlationId)).toString());

                final JsonObject actual = client.awaitCorrelated(correlationId);

                assertEquals(expected.getValue("topic"), actual.getValue("topic"), "topic");
                assertEquals(expected.getValue("path"), actual.getValue("path"), "path");
                assertEquals(expected.getValue("status"), actual.getValue("status"), () -> "status of " + actual);
                assertEquals(expected.getValue("value"), actual.getValue("value")
                        .map(v -> ExampleState.withoutAdmin(v, ExampleState.path(actual))), "value");
            }
        }
    }

    @Test
    void everyCommandExampleIsTestedOrListedAsUnsupported() {
        final List<String> commands = Examples.commandFiles();
        assertTrue(commands.size() > 80, "expected the full example set, found " + commands.size());
        for (final String command : commands) {
            final boolean tested = !Examples.responsesOf(command).isEmpty() && !UNSUPPORTED.containsKey(command);
            final boolean variant = command.contains("-") && Examples.responsesOf(command).isEmpty();
            assertTrue(tested || variant || UNSUPPORTED.containsKey(command), command);
        }
        assertTrue(UNSUPPORTED.keySet().stream().allMatch(commands::contains), "stale UNSUPPORTED entry");
    }
}
