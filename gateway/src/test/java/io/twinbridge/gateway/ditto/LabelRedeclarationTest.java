package io.twinbridge.gateway.ditto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The delay before a session reconnects to declare a label Ditto refused ({@link LabelRedeclaration}). */
class LabelRedeclarationTest {
    private static final String LABEL = "egress:acme";

    @Test
    void theDelayDoublesUpToThirtySecondsAndStartsOverAfterAQuietMinute() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        LabelRedeclaration redeclaration = new LabelRedeclaration("s", Set.of(LABEL), () -> { }, () -> true, clock);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(redeclaration.delayForNextAttempt().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L), delays);
        now[0] = now[0].plus(Duration.ofMinutes(2));
        assertEquals(Duration.ofSeconds(1), redeclaration.delayForNextAttempt());
    }

}
