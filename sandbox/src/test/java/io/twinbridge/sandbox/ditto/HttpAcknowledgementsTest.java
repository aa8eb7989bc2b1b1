package io.twinbridge.sandbox.ditto;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Requested acknowledgements over HTTP, as over the WebSocket (basic-acknowledgements.md; Ditto 3.9's
 * {@code AbstractHttpRequestActor} answers with the aggregated {@code Acknowledgements}).
 */
@Tag("flow")
class HttpAcknowledgementsTest {

    private static final String LABEL = "http-egress";

    private static HttpRequest put(final DittoSandbox sandbox, final String path, final String body,
            final String... headers) {
        final HttpRequest.Builder request = Http.request(sandbox, path, "ditto").header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    private static int ackStatus(final JsonObject body, final String label) {
        return body.getValue(JsonPointer.of("/" + label + "/status")).orElseThrow().asInt();
    }

    @Test
    void aLabelNobodyIssuesTimesOutWith408AndTheAnswerIs424() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            assertEquals(201, Http.send(put(sandbox, "/api/2/things/org.example:acked", "{}")).statusCode());
            final HttpResponse<String> answer = Http.send(put(sandbox, "/api/2/things/org.example:acked/attributes/x",
                    "1", "requested-acks", "twin-persisted,nobody-issues-this", "timeout", "700ms"));
            assertEquals(424, answer.statusCode());
            final JsonObject body = JsonFactory.newObject(answer.body());
            assertEquals(408, ackStatus(body, "nobody-issues-this"));
            assertEquals(201, ackStatus(body, "twin-persisted"), "twin-persisted carries the response");
            assertEquals("acknowledgement:request.timeout", body.getValue(
                    JsonPointer.of("/nobody-issues-this/payload/error")).orElseThrow().asString());

            // ThingModifyCommandAckRequestSetter does not add twin-persisted to explicit requested-acks; the answer
            // to a single acknowledgement is its status and its own payload (Acknowledgements.getEntity)
            final HttpResponse<String> alone = Http.send(put(sandbox, "/api/2/things/org.example:acked/attributes/x",
                    "2", "requested-acks", "nobody-issues-this", "timeout", "700ms"));
            assertEquals(408, alone.statusCode());
            assertEquals("acknowledgement:request.timeout", JsonFactory.newObject(alone.body()).getValue("error")
                    .orElseThrow().asString());
        }
    }

    @Test
    void aDeclaredLabelIsAwaitedAndAggregated() throws Exception {
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
             WsTestClient egress = WsTestClient.connect(sandbox, "ditto", "ditto", "[\"" + LABEL + "\"]")) {
            egress.startSendEvents("namespaces=org.example");
            assertEquals(201, Http.send(put(sandbox, "/api/2/things/org.example:acked", "{}")).statusCode());

            final CompletableFuture<HttpResponse<String>> answer = Http.client().sendAsync(put(sandbox,
                    "/api/2/things/org.example:acked/attributes/x", "1", "requested-acks", "twin-persisted," + LABEL,
                    "correlation-id", "http-ack-1", "timeout", "10s"), HttpResponse.BodyHandlers.ofString());
            egress.awaitCorrelated("http-ack-1");
            egress.send("{\"topic\":\"org.example/acked/things/twin/acks/" + LABEL + "\",\"headers\":{"
                    + "\"correlation-id\":\"http-ack-1\"},\"path\":\"/\",\"status\":200}");
            final HttpResponse<String> done = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, done.statusCode());
            final JsonObject body = JsonFactory.newObject(done.body());
            assertEquals(200, ackStatus(body, LABEL));
            assertEquals(201, ackStatus(body, "twin-persisted"));

            // without response-required, successful acknowledgements give 202 (AbstractHttpRequestActor)
            final CompletableFuture<HttpResponse<String>> accepted = Http.client().sendAsync(put(sandbox,
                    "/api/2/things/org.example:acked/attributes/x", "2", "requested-acks", LABEL,
                    "correlation-id", "http-ack-2", "response-required", "false"),
                    HttpResponse.BodyHandlers.ofString());
            egress.awaitCorrelated("http-ack-2");
            egress.send("{\"topic\":\"org.example/acked/things/twin/acks/" + LABEL + "\",\"headers\":{"
                    + "\"correlation-id\":\"http-ack-2\"},\"path\":\"/\",\"status\":200}");
            assertEquals(202, accepted.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
    }
}
