package io.twinbridge.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option handling of {@code ./twinbridge bench}; bad options stop before anything is started. */
class BenchCommandTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return BenchCommand.run(List.of(args), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheBenchmarksAndEachOneItsOptions() throws Exception {
        assertEquals(0, run("--help"));
        String usage = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("ingest") && usage.contains("egress") && usage.contains("faults")
                && usage.contains("sandbox"), usage);
        outBytes.reset();
        assertEquals(0, run("ingest", "--help"));
        String ingest = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(ingest.startsWith("Usage: ./twinbridge bench ingest") && ingest.contains("--latency-seconds"), ingest);
    }

    @Test
    void badInvocationsAreUsageErrorsWithAClearMessage() throws Exception {
        assertEquals(2, run());
        assertEquals(2, run("sideways"));
        assertEquals(2, run("ingest", "--events"));
        assertTrue(err().contains("Missing required parameter for option '--events'"), err());
        assertEquals(2, run("ingest", "--events", "many"));
        assertTrue(err().contains("--events: 'many' is not a number"), err());
        assertEquals(2, run("ingest", "--devices", "0"));
        assertTrue(err().contains("--devices must be positive, was 0"), err());
        assertEquals(2, run("egress", "--devices", "10"));
        assertTrue(err().contains("Unknown option") && err().contains("'--devices'"), err());
        assertEquals(2, run("sandbox", "--merges", "0"));
        assertTrue(err().contains("--merges must be positive, was 0"), err());
        assertEquals(2, run("sandbox", "--things", "2", "--sessions", "4"));
        assertTrue(err().contains("--sessions must not exceed --things"), err());
    }

    @Test
    void faultsOptionsOutOfBoundsStopBeforeAnyProcessStarts() throws Exception {
        assertEquals(0, run("faults", "--help"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("bench faults"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("--group-protocol"));
        assertEquals(2, run("faults", "--duration-seconds", "10"));
        assertTrue(err().contains("--duration-seconds must be at least 75"), err());
        assertEquals(2, run("faults", "--freeze-seconds", "99"));
        assertEquals(2, run("faults", "--group-protocol", "eager"));
        assertTrue(err().contains("--group-protocol must be classic or consumer"), err());
        assertEquals(2, run("faults", "--sideways", "1"));
        assertTrue(err().contains("Unknown option") && err().contains("'--sideways'"), err());
    }

    @Test
    void egressFailoverAndDowntimeOptionsAreCheckedBeforeAnyProcessStarts() throws Exception {
        assertEquals(0, run("egress", "--help"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("--failover"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("--downtime-seconds"));
        assertEquals(2, run("egress", "--failover", "--downtime-seconds", "30"));
        assertTrue(err().contains("--failover and --downtime-seconds are two runs of their own"), err());
        assertEquals(2, run("egress", "--downtime-seconds", "0"));
        assertTrue(err().contains("--downtime-seconds must be positive, was 0"), err());
        assertEquals(2, run("egress", "--downtime-seconds", "30", "--things", "10"));
        assertTrue(err().contains("--things must be at least 40"), err());
        assertEquals(2, run("egress", "--failover", "--events", "10"));
        assertTrue(err().contains("--events and --rounds belong to the throughput run"), err());
        assertEquals(2, run("egress", "--rate", "10"));
        assertTrue(err().contains("belong to --failover or --downtime-seconds"), err());
        assertEquals(2, run("egress", "--rounds", "0"));
        assertTrue(err().contains("--rounds must be positive, was 0"), err());
    }
}
