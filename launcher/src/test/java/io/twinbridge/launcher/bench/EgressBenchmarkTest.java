package io.twinbridge.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench egress} on a tiny run: every phase runs, the replay of recorded Ditto events goes through egress
 * (issue 15.5) and publishes them all, in three rounds alternating with the raw producer, and both ratios are
 * reported.
 */
class EgressBenchmarkTest {
    @Test
    void aSmallRunReportsBothRatiosAndLosesNothing() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Map<String, Object> result = new EgressBenchmark(300, 20, new PrintStream(printed, true,
                StandardCharsets.UTF_8)).run();

        assertEquals(0L, ((Number) result.get("lost")).longValue(), result::toString);
        assertTrue(((Number) result.get("replayEventsPerSec")).doubleValue() > 0, result::toString);
        assertTrue(((Number) result.get("replayRatio")).doubleValue() > 0, result::toString);
        assertTrue(((Number) result.get("ratio")).doubleValue() > 0, result::toString);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("egress, replayed (300 recorded Ditto events"),
                printed::toString);
        // the raw producer and the replay alternate for three rounds; the ratio is the median of the rounds'
        assertEquals(3, result.get("replayRounds"));
        assertEquals(3, result.get("replayRatioRounds").toString().split(" ").length, result::toString);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("round 3: raw producer"), printed::toString);
    }
}
