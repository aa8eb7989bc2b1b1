package io.twinbridge.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CanonicalThingIdsTest {

    @Test
    void anEqualIdGivesTheInstanceHandedOutFirst() {
        CanonicalThingIds ids = new CanonicalThingIds(10);
        String first = ids.of(new String("acme:WTG-001"));

        assertSame(first, ids.of(new String("acme:WTG-001")));
        assertNotSame(first, ids.of(new String("acme:WTG-002")));
        assertEquals("acme:WTG-002", ids.of(new String("acme:WTG-002")));
    }

    @Test
    void pastItsBoundTheTableStartsAfreshAndStillGivesEqualIds() {
        CanonicalThingIds ids = new CanonicalThingIds(3);
        for (int i = 0; i < 10; i++) {
            assertEquals("acme:d" + i, ids.of("acme:d" + i));
        }

        assertEquals(1, ids.size(), "the table was cleared when full, then took the newest id");
        String again = ids.of(new String("acme:d9"));
        assertSame(again, ids.of(new String("acme:d9")));
    }
}
