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
        assertEquals(1, p.recordsInFlight());

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
            assertEquals(0, p.recordsInFlight());
        }
    }

    /**
     * Issue 12: the tracker against a reference model (sorted sets of the records and of the unfinished ones) over a
     * million offsets, with gaps, finished in random order (up to 4,096 open at once): at every step the commit point
     * is the offset after the last record before the first unfinished one, never further.
     */
    @Test
    void aMillionOffsetsFinishedInRandomOrderMatchTheReferenceModel() {
        Random random = new Random(7);
        PartitionProgress p = new PartitionProgress();
        java.util.TreeSet<Long> unfinished = new java.util.TreeSet<>();
        java.util.TreeSet<Long> records = new java.util.TreeSet<>();
        long[] open = new long[4_096];
        int opened = 0;
        long next = 100;
        long committed = -1;
        int moves = 0;
        int started = 0;
        while (started < 1_000_000 || opened > 0) {
            if (started < 1_000_000 && opened < open.length && (opened == 0 || random.nextBoolean())) {
                next += random.nextInt(20) == 0 ? 2 + random.nextInt(5) : 1;
                p.started(next);
                unfinished.add(next);
                records.add(next);
                open[opened++] = next;
                started++;
            } else {
                int pick = random.nextInt(opened);
                long offset = open[pick];
                open[pick] = open[--opened];
                p.finished(offset);
                unfinished.remove(offset);
            }
            Long lastOfPrefix = records.lower(unfinished.isEmpty() ? Long.MAX_VALUE : unfinished.first());
            long expected = lastOfPrefix == null ? -1 : lastOfPrefix + 1;
            OptionalLong candidate = p.commitCandidate();
            if (candidate.isPresent()) {
                assertEquals(expected, candidate.getAsLong());
                committed = candidate.getAsLong();
                p.committed(committed);
                moves++;
            } else {
                assertEquals(expected, committed, "the commit point did not follow the finished prefix");
            }
            assertEquals(unfinished.size(), p.recordsInFlight());
            if (lastOfPrefix != null && records.first() < lastOfPrefix) {
                records.headSet(lastOfPrefix).clear();
            }
        }
        assertTrue(moves > 1_000, "the commit point moved " + moves + " times");
        assertEquals(next + 1, committed);
        assertTrue(p.idle());
        assertTrue(p.words() <= 2 * 1_024, "4,096 open records need a few kilowords: " + p.words());
    }
}
