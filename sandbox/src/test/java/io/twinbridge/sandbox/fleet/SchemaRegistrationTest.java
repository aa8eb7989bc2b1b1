package io.twinbridge.sandbox.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class SchemaRegistrationTest {
    private final Map<String, Schema> registered = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(40);
    private HttpServer server;
    private volatile boolean refuse;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/subjects/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String subject = URLDecoder.decode(path.split("/")[2], StandardCharsets.UTF_8);
            String schema = new ObjectMapper().readTree(exchange.getRequestBody()).get("schema").textValue();
            registered.put(subject, new Schema.Parser().parse(schema));
            byte[] body = (refuse ? "{\"error_code\":409}" : "{\"id\":" + ids.incrementAndGet() + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refuse ? 409 : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void registersEachKindUnderItsFullNameAndReturnsTheIds() throws Exception {
        Map<String, Integer> result = new SchemaRegistration(url()).register(EnumSet.allOf(AssetKind.class));

        assertEquals(Map.of(AssetKind.TURBINE.schemaFullName(), 41, AssetKind.ROBOT.schemaFullName(), 42,
                AssetKind.HVAC.schemaFullName(), 43, AssetKind.VEHICLE.schemaFullName(), 44), result);
        for (AssetKind kind : AssetKind.values()) {
            assertEquals(kind.loadSchema(), registered.get(kind.schemaFullName()));
        }
        FleetOptions options = FleetOptions.defaults().withConfluentIds(result).withEncoding(Encoding.CONFLUENT);
        assertTrue(new FleetSimulator(options).stream().limit(10).allMatch(r -> r.value()[0] == 0));
    }

    @Test
    void aRefusalIsAnError() {
        refuse = true;
        IOException e = assertThrows(IOException.class,
                () -> new SchemaRegistration(url()).register(List.of(AssetKind.HVAC)));
        assertTrue(e.getMessage().contains("409"), e.getMessage());
    }
}
