package io.twinbridge.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.Test;

import io.twinbridge.gateway.dashboard.TwinState.Applied;
import io.twinbridge.gateway.ditto.TwinEvent;

class TwinStateTest {
    private static final List<String> WATCHED = List.of("generator.power", "status.state");

    private final TwinState twin = new TwinState("acme:WTG-001", "acme", "turbine", WATCHED, "generator.power", 3,
            2000);

    @Test
    void aMergePatchChangesWhatItNamesKeepsTheRestAndNullRemoves() {
        twin.reset(thing("{\"generator\":{\"properties\":{\"power\":100}},"
                + "\"status\":{\"properties\":{\"state\":\"PRODUCING\"}}}"), 5, 0);

        assertEquals(Applied.CHANGED, twin.apply(event("merged", "/features/generator/properties",
                "{\"power\":250.5}", 6), 1000));
        assertEquals("{\"generator.power\":250.5,\"status.state\":\"PRODUCING\"}", values());

        assertEquals(Applied.CHANGED, twin.apply(event("merged", "/features", "{\"status\":{\"properties\":"
                + "{\"state\":null}}}", 7), 1500));
        assertEquals("{\"generator.power\":250.5}", values());
    }

    @Test
    void aModifiedParentWithoutThePropertyRemovesItAndOldOrDeeperEventsAreNotApplied() {
        twin.reset(thing("{\"generator\":{\"properties\":{\"power\":100}}}"), 5, 0);

        assertEquals(Applied.UNCHANGED, twin.apply(event("merged", "/features/generator/properties",
                "{\"power\":1}", 5), 10));
        assertEquals(Applied.NEEDS_REREAD, twin.apply(event("modified", "/features/generator/properties/power/x",
                "1", 6), 10));
        assertEquals(Applied.CHANGED, twin.apply(event("modified", "/features/generator", "{\"properties\":{}}", 7),
                10));
        assertEquals("{}", values());
        assertEquals(Applied.DELETED, twin.apply(new TwinEvent("acme:WTG-001", "deleted", JsonPointer.empty(),
                Optional.empty(), 8, Optional.empty(), Optional.empty(), Set.of(), "{}"), 10));
    }

    @Test
    void theHistoryKeepsOnePointPerSampleIntervalAndAtMostItsSize() {
        twin.reset(thing("{\"generator\":{\"properties\":{\"power\":1}}}"), 1, 0);
        long revision = 2;
        for (long at : new long[] {500, 2000, 2100, 4000, 6000}) {
            twin.apply(event("merged", "/features/generator/properties/power", Long.toString(at), revision++), at);
        }

        // 0 and 500 share a point, as do 2000 and 2100; then the oldest drops out beyond three points
        assertEquals("[[2000,2100.0],[4000,4000.0],[6000,6000.0]]", twin.toJson(true).getJsonArray("history")
                .encode());
    }

    private String values() {
        return twin.toJson(false).getJsonObject("values").encode();
    }

    private static JsonObject thing(String features) {
        return JsonFactory.newObject("{\"features\":" + features + "}");
    }

    private static TwinEvent event(String action, String path, String value, long revision) {
        return new TwinEvent("acme:WTG-001", action, JsonPointer.of(path),
                Optional.of(JsonFactory.readFrom(value)), revision, Optional.empty(), Optional.empty(), Set.of(), "{}");
    }
}
