package io.twinbridge.gateway.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One browser's event stream. Updates wait in a map keyed by thing id, so a twin that changes ten times between two
 * flushes is sent once, with its latest state; stats keep only the newest. A browser that reads slowly (its write
 * queue is full) simply gets fewer, fresher updates: what waits for it never exceeds one entry per twin.
 * Confined to the feed's thread.
 */
final class SseClient {
    /** Bytes the connection may queue before the browser counts as slow. */
    static final int WRITE_QUEUE_BYTES = 256 * 1024;

    private final HttpServerResponse response;
    private final Map<String, JsonObject> pendingTwins = new LinkedHashMap<>();
    private JsonObject pendingStats;
    private JsonObject pendingTenants;
    private long skippedFlushes;

    SseClient(HttpServerResponse response) {
        this.response = response;
        response.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    }

    void send(String event, JsonObject data) {
        response.write(Buffer.buffer("event: " + event + "\ndata: " + data.encode() + "\n\n",
                StandardCharsets.UTF_8.name()));
    }

    void offerTwin(String thingId, JsonObject twin) {
        pendingTwins.put(thingId, twin);
    }

    /** The tenants shown changed; sent after the pending twins, so a removed tenant's twins go first. */
    void offerTenants(JsonObject tenants) {
        pendingTenants = tenants;
    }

    void offerStats(JsonObject stats) {
        pendingStats = stats;
    }

    int pendingTwins() {
        return pendingTwins.size();
    }

    /** Flushes given up because the browser had not read the previous ones yet. */
    long skippedFlushes() {
        return skippedFlushes;
    }

    /** Writes what waits, unless the browser still has not read the previous writes. */
    void flush() {
        if (response.closed() || response.ended()) {
            return;
        }
        if (response.writeQueueFull()) {
            skippedFlushes++;
            return;
        }
        if (!pendingTwins.isEmpty()) {
            JsonArray twins = new JsonArray();
            pendingTwins.values().forEach(twins::add);
            pendingTwins.clear();
            send("twins", new JsonObject().put("twins", twins));
        }
        if (pendingTenants != null) {
            send("tenants", pendingTenants);
            pendingTenants = null;
        }
        if (pendingStats != null) {
            if (skippedFlushes > 0) {
                pendingStats.put("slowClientSkips", skippedFlushes);
            }
            send("stats", pendingStats);
            pendingStats = null;
        }
    }

    void close() {
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }
}
