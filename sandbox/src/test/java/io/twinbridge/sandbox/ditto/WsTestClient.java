package io.twinbridge.sandbox.ditto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import static org.awaitility.Awaitility.await;

/** A raw Ditto Protocol WebSocket client for tests: sends text, records every text message received. */
final class WsTestClient implements AutoCloseable {

    /** One Vert.x for all test clients: creating one per client costs more than the tests on a loaded machine. */
    private static final Vertx VERTX = Vertx.vertx();
    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient();

    private final WebSocket socket;
    private final List<String> received;

    private WsTestClient(final WebSocket socket, final List<String> received) {
        this.socket = socket;
        this.received = received;
    }

    static WsTestClient connect(final DittoSandbox sandbox, final String user, final String password)
            throws Exception {
        return connect(sandbox, user, password, "");
    }

    /** @param declaredAcks the {@code declared-acks} upgrade header, e.g. {@code ["my-ack"]}; empty = none */
    static WsTestClient connect(final DittoSandbox sandbox, final String user, final String password,
            final String declaredAcks) throws Exception {
        return connect(sandbox, user, password, declaredAcks, "/ws/2");
    }

    /** @param uri the upgrade's URI, e.g. {@code /ws/2?declared-acks=a:b,c:d} */
    static WsTestClient connect(final DittoSandbox sandbox, final String user, final String password,
            final String declaredAcks, final String uri) throws Exception {
        final WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(sandbox.port()).setURI(uri)
                .addHeader("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (!declaredAcks.isEmpty()) {
            options.addHeader("declared-acks", declaredAcks);
        }
        // The handler is set in the connect callback, on the socket's own event loop: a frame the server sends right
        // after the upgrade (e.g. acknowledgement:label.not.unique) could otherwise arrive before it and be lost.
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket socket = CLIENT.connect(options).onSuccess(ws -> ws.textMessageHandler(received::add))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new WsTestClient(socket, received);
    }

    void send(final String text) {
        socket.writeTextMessage(text);
    }

    List<String> received() {
        return List.copyOf(received);
    }

    /** Waits for the first received message that matches and returns it. */
    String awaitText(final Predicate<String> matching) {
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(matching));
        return received.stream().filter(matching).findFirst().orElseThrow();
    }

    /** Waits for the protocol message with this correlation id. */
    JsonObject awaitCorrelated(final String correlationId) {
        return JsonFactory.newObject(awaitText(t -> t.startsWith("{") && correlationId.equals(
                JsonFactory.newObject(t).getValue("headers/correlation-id").map(v -> v.asString()).orElse(""))));
    }

    /**
     * Sends a twin command on thing {@code org.example:<thing>} and waits for its own answer, which must be a success:
     * the command's events are fanned out before it.
     */
    void apply(final String thing, final String action, final String path, final String value, final String cid) {
        send("{\"topic\":\"org.example/" + thing + "/things/twin/commands/" + action + "\",\"headers\":{"
                + "\"correlation-id\":\"" + cid + "\"},\"path\":\"" + path + "\""
                + (value.isEmpty() ? "" : ",\"value\":" + value) + "}");
        final int status = awaitCorrelated(cid).getValue("status").orElseThrow().asInt();
        org.junit.jupiter.api.Assertions.assertTrue(status < 300, () -> cid + " answered " + status);
    }

    /** {@code START-SEND-EVENTS?params}, waiting for its acknowledgement. */
    void startSendEvents(final String params) {
        send("START-SEND-EVENTS?" + params);
        awaitText("START-SEND-EVENTS:ACK"::equals);
    }

    /** The answer is Ditto's error {@code error} (e.g. {@code things:thing.notfound}) with HTTP status {@code status}. */
    static void assertError(final JsonObject answer, final int status, final String error) {
        org.junit.jupiter.api.Assertions.assertEquals(status, answer.getValue("status").orElseThrow().asInt());
        org.junit.jupiter.api.Assertions.assertEquals(error, answer.getValue("value/error").orElseThrow().asString());
    }

    /** Whether an event with this correlation id has arrived. */
    boolean gotEvent(final String correlationId) {
        return received.stream().anyMatch(t -> t.contains("\"" + correlationId + "\"") && t.contains("/events/"));
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() throws Exception {
        if (!socket.isClosed()) {
            socket.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
