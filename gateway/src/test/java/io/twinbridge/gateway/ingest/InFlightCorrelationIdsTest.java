package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InFlightCorrelationIdsTest {

    @Test
    void aDuplicateInFlightGetsASuffixAndTheIdIsFreeAgainOnceReleased() {
        InFlightCorrelationIds ids = new InFlightCorrelationIds();

        String first = ids.claim("batch-7");
        String second = ids.claim("batch-7");
        String third = ids.claim("batch-7");
        ids.release(second);
        String fourth = ids.claim("batch-7");
        ids.release(first);
        ids.release(third);
        ids.release(fourth);

        assertEquals("batch-7", first);
        assertEquals("batch-7#2", second);
        assertEquals("batch-7#3", third);
        assertEquals("batch-7#2", fourth);
        assertEquals(0, ids.size());
        assertEquals("batch-7", ids.claim("batch-7"));
    }
}
