package io.twinbridge.sandbox.ditto;

import java.util.List;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Twin events reach other subscribed sessions with increasing revisions, never the session that caused them. */
@Tag("flow")
class EventsTest {


    private static String command(final String action, final String path, final String value, final String cid,
            final boolean merge) {
        return "{\"topic\":\"org.example/pump-1/things/twin/commands/" + action + "\",\"headers\":{"
                + (merge ? "\"content-type\":\"application/merge-patch+json\"," : "")
                + "\"correlation-id\":\"" + cid + "\"},\"path\":\"" + path + "\""
                + (value.isEmpty() ? "" : ",\"value\":" + value) + "}";
    }

    private static List<JsonObject> events(final WsTestClient client) {
        return client.received().stream().filter(t -> t.contains("/things/twin/events/"))
                .map(JsonFactory::newObject).toList();
    }

    @Test
    void secondSessionGetsMergedEventAndOriginGetsNone() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
             WsTestClient origin = WsTestClient.connect(sandbox, "ditto", "ditto");
             WsTestClient observer = WsTestClient.connect(sandbox, "ditto", "ditto")) {
            origin.send("START-SEND-EVENTS?namespaces=org.example");
            observer.send("START-SEND-EVENTS?namespaces=org.example");
            origin.awaitText("START-SEND-EVENTS:ACK"::equals);
            observer.awaitText("START-SEND-EVENTS:ACK"::equals);
            origin.send(command("create", "/", "{\"attributes\":{\"rpm\":1}}", "c1", false));
            origin.awaitCorrelated("c1");
            final long created = observer.awaitCorrelated("c1").getValue("revision").orElseThrow().asLong();

            origin.send(command("merge", "/attributes", "{\"rpm\":2}", "c2", true));
            assertEquals(204, origin.awaitCorrelated("c2").getValue("status").orElseThrow().asInt());
            final JsonObject merged = observer.awaitCorrelated("c2");
            // the observer causes a later change; once the origin sees it, any echo of c2 would have come first
            observer.send(command("modify", "/attributes/marker", "true", "c3", false));
            origin.awaitText(t -> t.contains("\"c3\"") && t.contains("/events/"));

            assertEquals("org.example/pump-1/things/twin/events/merged", merged.getValue("topic").orElseThrow()
                    .asString());
            assertEquals("/attributes", merged.getValue("path").orElseThrow().asString());
            assertEquals(created + 1, merged.getValue("revision").orElseThrow().asLong());
            assertTrue(merged.getValue("timestamp").isPresent());
            final List<JsonObject> originEvents = events(origin);
            assertEquals(1, originEvents.size(), () -> "origin received " + originEvents);
            assertEquals("c3", originEvents.get(0).getValue("headers/correlation-id").orElseThrow().asString());
        }
    }

    @Test
    void filterAndStopSendEvents() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
             WsTestClient writer = WsTestClient.connect(sandbox, "ditto", "ditto");
             WsTestClient observer = WsTestClient.connect(sandbox, "ditto", "ditto")) {
            observer.send("START-SEND-EVENTS?filter=" + java.net.URLEncoder.encode("gt(attributes/rpm,10)",
                    java.nio.charset.StandardCharsets.UTF_8));
            observer.awaitText("START-SEND-EVENTS:ACK"::equals);
            writer.send(command("create", "/", "{\"attributes\":{\"rpm\":1}}", "f1", false));
            writer.awaitCorrelated("f1");
            writer.send(command("modify", "/attributes/rpm", "50", "f2", false));
            writer.awaitCorrelated("f2");

            final JsonObject event = observer.awaitCorrelated("f2");
            observer.send("STOP-SEND-EVENTS");
            observer.awaitText("STOP-SEND-EVENTS:ACK"::equals);

            assertEquals(50, event.getValue("value").orElseThrow().asInt());
            assertEquals(1, events(observer).size(), "the created event does not match the filter");
        }
    }
}
