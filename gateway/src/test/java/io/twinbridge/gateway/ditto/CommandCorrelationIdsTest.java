package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 13.1: one correlation id per command sent, the user's id recoverable from it. */
class CommandCorrelationIdsTest {

    @Test
    void everyCommandGetsAnIdOfItsOwnThatStartsWithTheUsersId() {
        String first = CommandCorrelationIds.forCommand("trace-abc");
        String second = CommandCorrelationIds.forCommand("trace-abc");

        assertNotEquals(first, second);
        assertTrue(first.startsWith("trace-abc" + CommandCorrelationIds.MARKER), first);
        assertEquals("trace-abc", CommandCorrelationIds.userVisible(first));
        assertEquals("trace-abc", CommandCorrelationIds.userVisible(second));
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator-request-7", "a#tb.", "a#tb.X1", "a#tb.1-2", "acme.telemetry/3/17", ""})
    void anIdWithoutTheGatewaysSuffixIsLeftAsItIs(String id) {
        assertEquals(id, CommandCorrelationIds.userVisible(id));
    }

    @Test
    void onlyTheLastSuffixIsStripped() {
        String nested = CommandCorrelationIds.forCommand(CommandCorrelationIds.forCommand("x"));
        assertEquals(CommandCorrelationIds.userVisible(nested).length(), nested.lastIndexOf('#'));
    }
}
