package io.twinbridge.gateway.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The broker-free parts of the DLQ tools: parsing, filtering, counting, the records replay writes, progress. */
class DeadLetterPureTest {
    private static final Instant T = Instant.parse("2025-05-01T12:00:00Z");

    @Test
    void parsesTheHeadersAndKeepsOnlyTheOriginalOnes() {
        DeadLetter d = valid(letter(5, "decode", "decode.unknown-schema", T));
        assertEquals(new DlqCoordinates("p.dlq.acme", 0, 5), d.at());
        assertEquals(new DlqCoordinates("p.telemetry.acme", 1, 50), d.source());
        assertEquals("decode", d.stage());
        assertEquals(T, d.deadLetteredAt());
        assertEquals(List.of("traceparent"), d.originalHeaders().stream().map(h -> h.key()).toList());
        assertEquals("RBT-001", d.keyText());
    }

    @Test
    void aRecordWithoutSourceHeadersIsInvalidAndABadTimeFallsBackToTheRecordTimestamp() {
        ParsedDeadLetter bare = DeadLetterParser.parse(new DlqCoordinates("p.dlq.acme", 0, 1), 0, null, null,
                new RecordHeaders());
        assertInstanceOf(ParsedDeadLetter.Invalid.class, bare);
        RecordHeaders headers = headers("decode", "c", "not-a-time");
        DeadLetter d = valid(DeadLetterParser.parse(new DlqCoordinates("p.dlq.acme", 0, 2), 1_000, new byte[] {
                (byte) 0xff}, null, headers));
        assertEquals(Instant.ofEpochMilli(1_000), d.deadLetteredAt());
        assertEquals("base64:/w==", d.keyText());
    }

    @Test
    void filtersByExactCodeByStagePrefixAndBySince() {
        DeadLetter old = valid(letter(1, "decode", "decode.malformed", T.minusSeconds(3600)));
        DeadLetter fresh = valid(letter(2, "validate", "validate.out-of-range", T));
        DeadLetterFilter decode = new DeadLetterFilter(Optional.of("decode."), Optional.empty());
        assertTrue(decode.matches(old));
        assertFalse(decode.matches(fresh));
        assertFalse(new DeadLetterFilter(Optional.of("decode"), Optional.empty()).matches(old), "exact, no prefix");
        DeadLetterFilter recent = new DeadLetterFilter(Optional.empty(), Optional.of(T.minusSeconds(60)));
        assertFalse(recent.matches(old));
        assertTrue(recent.matches(fresh));
        assertTrue(new DeadLetterFilter(Optional.empty(), Optional.of(T)).matches(fresh), "since is inclusive");
    }

    @Test
    void readsSinceAsInstantDayOrSpanBackFromNow() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        assertEquals(T.minus(Duration.ofHours(2)), DeadLetterFilter.parseSince("2h", clock));
        assertEquals(T.minus(Duration.ofMinutes(30)), DeadLetterFilter.parseSince("30m", clock));
        assertEquals(T.minus(Duration.ofDays(7)), DeadLetterFilter.parseSince("7d", clock));
        assertEquals(Instant.parse("2025-04-01T00:00:00Z"), DeadLetterFilter.parseSince("2025-04-01", clock));
        assertEquals(T, DeadLetterFilter.parseSince("2025-05-01T12:00:00Z", clock));
        assertThrows(IllegalArgumentException.class, () -> DeadLetterFilter.parseSince("last week", clock));
    }

    @Test
    void countsMatchingDeadLettersByStageAndCodeAndKeepsTheFirstOnes() {
        DeadLetterSummary summary = new DeadLetterSummary(DeadLetterFilter.ALL, 2);
        summary.add(letter(0, "decode", "decode.unknown-schema", T));
        summary.add(letter(1, "decode", "decode.malformed", T));
        summary.add(letter(2, "decode", "decode.unknown-schema", T));
        summary.add(letter(3, "ditto", "ditto.rejected", T));
        summary.add(new ParsedDeadLetter.Invalid(new DlqCoordinates("p.dlq.acme", 0, 4), "no headers"));
        assertEquals(Map.of("decode", 3L, "ditto", 1L), summary.byStage());
        assertEquals(Map.of("decode.unknown-schema", 2L, "decode.malformed", 1L, "ditto.rejected", 1L),
                summary.byCode());
        assertEquals(List.of(0L, 1L), summary.first().stream().map(d -> d.at().offset()).toList());
        assertEquals(5, summary.scanned());
        assertEquals(4, summary.matched());
        assertEquals(1, summary.invalid().size());
    }

    @Test
    void ledgerKeysNameTheDeadLetterAndParseBack() {
        DlqCoordinates at = new DlqCoordinates("p.dlq.acme-east", 3, 12345);
        assertEquals("p.dlq.acme-east/3/12345", at.ledgerKey());
        assertEquals(at, DlqCoordinates.parse(at.ledgerKey()));
        assertThrows(IllegalArgumentException.class, () -> DlqCoordinates.parse("p.dlq.acme/x/1"));
        assertThrows(IllegalArgumentException.class, () -> DlqCoordinates.parse("nothing"));
    }

    @Test
    void theReplayedRecordKeepsKeyValueAndOriginalHeadersAndNamesItsOrigin() {
        DeadLetter d = valid(letter(5, "decode", "decode.unknown-schema", T));
        ProducerRecord<byte[], byte[]> replay = ReplayRecords.replay(d);
        assertEquals("p.telemetry.acme", replay.topic());
        assertNull(replay.partition(), "partitioned by key, like the device's current records");
        assertEquals("RBT-001", new String(replay.key(), StandardCharsets.UTF_8));
        assertEquals("value", new String(replay.value(), StandardCharsets.UTF_8));
        assertEquals(List.of("traceparent", ReplayRecords.REPLAY_OF), java.util.Arrays.stream(replay.headers()
                .toArray()).map(h -> h.key()).toList());
        assertEquals("p.dlq.acme/0/5", new String(replay.headers().lastHeader(ReplayRecords.REPLAY_OF).value(),
                StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> entry = ReplayRecords.ledgerEntry("p.dlq-replayed.acme", d, T);
        assertEquals("p.dlq-replayed.acme", entry.topic());
        assertEquals("p.dlq.acme/0/5", new String(entry.key(), StandardCharsets.UTF_8));
    }

    @Test
    void progressShowsCountRateAndEtaWithAFixedClock() {
        AtomicLong nanos = new AtomicLong(0);
        ProgressMeter meter = new ProgressMeter(100, nanos::get, 50, Duration.ofSeconds(5));
        assertEquals("[--------------------]  0/100  0%  0.0/s  ETA --:--", meter.bar(0, 20));
        nanos.set(Duration.ofSeconds(4).toNanos());
        assertEquals("[########------------]  40/100  40%  10.0/s  ETA 0:06", meter.bar(40, 20));
        assertEquals("40/100 records (40%), 10.0 records/s, ETA 0:06", meter.line(40));
        nanos.set(Duration.ofSeconds(10).toNanos());
        assertEquals("[####################]  100/100  100%  10.0/s  ETA 0:00", meter.bar(100, 20));
    }

    @Test
    void plainProgressLinesAreDueEveryNRecordsOrSeconds() {
        AtomicLong nanos = new AtomicLong(0);
        ProgressMeter meter = new ProgressMeter(1_000, nanos::get, 100, Duration.ofSeconds(5));
        assertFalse(meter.lineDue(99));
        assertTrue(meter.lineDue(100));
        assertFalse(meter.lineDue(150));
        nanos.set(Duration.ofSeconds(5).toNanos());
        assertTrue(meter.lineDue(160), "5 s passed");
        assertFalse(meter.lineDue(170));
    }

    private static ParsedDeadLetter letter(long offset, String stage, String code, Instant time) {
        return DeadLetterParser.parse(new DlqCoordinates("p.dlq.acme", 0, offset), 0,
                "RBT-001".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8),
                headers(stage, code, time.toString()));
    }

    private static RecordHeaders headers(String stage, String code, String time) {
        RecordHeaders h = new RecordHeaders();
        h.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        put(h, DeadLetterHeaders.TOPIC, "p.telemetry.acme");
        put(h, DeadLetterHeaders.PARTITION, "1");
        put(h, DeadLetterHeaders.OFFSET, "50");
        put(h, DeadLetterHeaders.STAGE, stage);
        put(h, DeadLetterHeaders.CODE, code);
        put(h, DeadLetterHeaders.MESSAGE, "why");
        put(h, DeadLetterHeaders.TIME, time);
        return h;
    }

    private static void put(RecordHeaders h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static DeadLetter valid(ParsedDeadLetter parsed) {
        return assertInstanceOf(ParsedDeadLetter.Valid.class, parsed).deadLetter();
    }
}
