package io.twinbridge.gateway.codec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Confluent-compatible registry serving {@code GET /schemas/ids/{id}} on a random port, enough for the codec tests.
 * It records the Authorization headers it sees and can be told to hang, to test timeouts.
 */
final class TestSchemaRegistry implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    static {
        // the JDK server writes headers and body separately; without this, Nagle adds ~40 ms to every answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    TestSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void register(int id, Schema schema) {
        schemas.put(id, schema.toString());
    }

    void hang() {
        hang = true;
    }

    List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (hang) {
                awaitRelease();
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String schema = schemas.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
            byte[] body = (schema == null
                    ? "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                    : JsonNodeFactory.instance.objectNode().put("schema", schema).toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(schema == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
