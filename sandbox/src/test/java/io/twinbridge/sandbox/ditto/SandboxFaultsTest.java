package io.twinbridge.sandbox.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fault hook gateway tests use to make Ditto answer slower than their request timeout. */
@Tag("flow")
class SandboxFaultsTest {

    private static final String RETRIEVE = "{\"topic\":\"org.example/absent/things/twin/commands/retrieve\","
            + "\"headers\":{\"correlation-id\":\"%s\",\"response-required\":true},\"path\":\"/\"}";

    @Test
    void delayedAnswersLeaveAfterTheDelayAndInTimeOnceTheDelayIsOff() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
             WsTestClient client = WsTestClient.connect(sandbox, "ditto", "ditto")) {
            sandbox.faults().delayAnswers(Duration.ofMillis(1_500));
            long sent = System.nanoTime();
            client.send(String.format(RETRIEVE, "slow-1"));
            JsonObject late = client.awaitCorrelated("slow-1");
            long lateMs = (System.nanoTime() - sent) / 1_000_000;

            sandbox.faults().delayAnswers(Duration.ZERO);
            client.send(String.format(RETRIEVE, "fast-1"));
            client.awaitCorrelated("fast-1");

            assertEquals(404, late.getValue("status").orElseThrow().asInt());
            assertTrue(lateMs >= 1_500, "answered after " + lateMs + " ms");
        }
    }
}
