package io.twinbridge.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    @Test
    void commitsOnlyUpToTheFirstUnfinishedRecord() {
        PartitionProgress p = new PartitionProgress();
        p.started(10, 100);
        p.started(11, 100);
        p.started(12, 100);

        p.finished(11);
        p.finished(12);
        assertEquals(OptionalLong.empty(), p.commitCandidate(), "10 is unfinished, nothing may be committed");
        assertEquals(300 - 200, p.bytesInFlight());

        p.finished(10);
        assertEquals(OptionalLong.of(13), p.commitCandidate());
        p.committed(13);
        assertEquals(OptionalLong.empty(), p.commitCandidate());
        assertTrue(p.idle());
    }

    @Test
    void gapsInOffsetsAreFine() {
        PartitionProgress p = new PartitionProgress();
        p.started(5, 1);
        p.started(9, 1);
        p.finished(5);
        assertEquals(OptionalLong.of(6), p.commitCandidate());
        p.finished(9);
        assertEquals(OptionalLong.of(10), p.commitCandidate());
    }

    @Test
    void unknownOffsetsAreIgnoredAndOrderIsEnforced() {
        PartitionProgress p = new PartitionProgress();
        p.started(3, 1);
        p.finished(99);
        assertEquals(1, p.recordsInFlight());
        assertThrows(IllegalStateException.class, () -> p.started(3, 1));
    }

    @Test
    void randomCompletionOrderNeverCommitsPastAnUnfinishedRecord() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            PartitionProgress p = new PartitionProgress();
            int n = 1 + random.nextInt(50);
            List<Long> offsets = new ArrayList<>();
            for (long o = 0; o < n; o++) {
                p.started(o, 10);
                offsets.add(o);
            }
            Collections.shuffle(offsets, random);
            java.util.Set<Long> done = new java.util.HashSet<>();
            for (long o : offsets) {
                p.finished(o);
                done.add(o);
                long firstUnfinished = 0;
                while (done.contains(firstUnfinished)) {
                    firstUnfinished++;
                }
                long expected = firstUnfinished;
                OptionalLong candidate = p.commitCandidate();
                candidate.ifPresent(c -> assertEquals(expected, c));
                candidate.ifPresent(p::committed);
            }
            assertEquals(OptionalLong.empty(), p.commitCandidate());
            assertTrue(p.idle());
            assertEquals(0, p.bytesInFlight());
        }
    }
}
