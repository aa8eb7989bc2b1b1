package io.twinbridge.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.testkit.TestHttp;
import io.twinbridge.gateway.tenant.TenantDocs;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Issue 13.5: whatever a client sends, the admin API answers with JSON carrying an error code, and never with a 5xx.
 * One row per kind of hostile input: numbers (overflow, underflow, NaN, negative zero, huge integers and exponents),
 * deep nesting, duplicate keys, invalid UTF-8, huge strings, oversized bodies, and the router's and the HTTP
 * decoder's own answers (404, 405, 414, 431, bad percent-encoding).
 */
@Tag("flow")
class AdminApiInputTest {
    private static final String OPS_TOKEN = "ops-token-0123456789abcdef";
    private static final int LIMIT = 1_048_576;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dir;
    static DittoSandbox sandbox;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0));
        Path tenantsFile = dir.resolve("tenants.json");
        Files.write(tenantsFile, TenantDocs.exampleBytes());
        // only the admin API is under test: no egress or dashboard sessions to start and stop
        Map<String, String> env = new HashMap<>(Map.of(
                "TWINBRIDGE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + TestHttp.unusedPort(),
                "TWINBRIDGE_DITTO_ENDPOINT", sandbox.wsUrl(),
                "TWINBRIDGE_DITTO_HTTP_ENDPOINT", sandbox.httpUrl(),
                "TWINBRIDGE_HTTP_PORT", "0",
                "TWINBRIDGE_INGEST_ENABLED", "false",
                "TWINBRIDGE_EGRESS_ENABLED", "false",
                "TWINBRIDGE_DASHBOARD_ENABLED", "false",
                "TWINBRIDGE_TENANTS_FILE", tenantsFile.toString(),
                "TWINBRIDGE_ADMIN_PRINCIPALS", "ops:*:" + AdminAuth.hash(OPS_TOKEN)));
        gateway = Gateway.start(GatewayConfig.fromEnv(env)).await(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.stop().await(60, TimeUnit.SECONDS);
        sandbox.close();
    }

    static Stream<Arguments> hostileBodies() {
        return Stream.of(
                row("number overflow in a string field", "{\"namespaces\":[\"newco\"],\"codec\":1e999999}"),
                row("negative overflow", "{\"namespaces\":[\"newco\"],\"codec\":-1e999999}"),
                row("overflow where a number is never expected", "{\"namespaces\":[1e999999]}"),
                row("overflow inside roles", "{\"namespaces\":[\"newco\"],\"roles\":{\"viewer\":[1e999999]}}"),
                row("overflow in an unknown member", "{\"namespaces\":[\"newco\"],\"x\":1e999999}"),
                row("underflow", "{\"namespaces\":[\"newco\"],\"codec\":1e-999999}"),
                row("exponent beyond int", "{\"namespaces\":[\"newco\"],\"codec\":1e99999999999}"),
                row("huge integer", "{\"namespaces\":[\"newco\"],\"codec\":" + "9".repeat(900) + "}"),
                row("number longer than the parser allows", "{\"namespaces\":[\"newco\"],\"x\":"
                        + "9".repeat(5_000) + "}"),
                row("NaN", "{\"namespaces\":[\"newco\"],\"codec\":NaN}"),
                row("Infinity", "{\"namespaces\":[\"newco\"],\"codec\":Infinity}"),
                row("negative zero", "{\"namespaces\":[\"newco\"],\"codec\":-0}"),
                row("negative zero float", "{\"namespaces\":[\"newco\"],\"codec\":-0.0e0}"),
                row("nesting of 900", "{\"namespaces\":[\"newco\"],\"x\":" + "[".repeat(900) + "]".repeat(900)
                        + "}"),
                row("nesting of 100000", "[".repeat(100_000) + "]".repeat(100_000)),
                row("nesting of objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)),
                row("duplicate keys", "{\"namespaces\":[\"newco\"],\"namespaces\":[\"other\"]}"),
                row("lone surrogate escape", "{\"namespaces\":[\"newco\"],\"roles\":{\"viewer\":[\"nginx:\\ud800\"]}}"),
                row("NUL escape", "{\"namespaces\":[\"new\\u0000co\"]}"),
                row("huge string", "{\"namespaces\":[\"" + "n".repeat(LIMIT - 100) + "\"]}"),
                row("huge key", "{\"" + "k".repeat(LIMIT - 100) + "\":1}"),
                row("empty body", ""),
                row("null", "null"),
                row("an array", "[]"),
                row("a string", "\"newco\""),
                row("trailing garbage", "{\"namespaces\":[\"newco\"]} x"),
                row("truncated", "{\"namespaces\":[\"newco\""),
                row("wrong types", "{\"namespaces\":\"newco\",\"roles\":[],\"topics\":1,\"ditto\":true}"),
                rowBytes("invalid UTF-8", utf8WithInvalidBytes()),
                rowBytes("UTF-16 with a BOM", "\uFEFF{\"namespaces\":[\"newco\"]}".getBytes(
                        StandardCharsets.UTF_16)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aHostileTenantBodyIsAnsweredWithA4xxJsonError(String name, byte[] body) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/admin/tenants/newco"))
                .header("Authorization", "Bearer " + OPS_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertJsonError(answer, 400);
        assertTrue(gateway.tenants().get(io.twinbridge.gateway.tenant.TenantId.of("newco")).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void aHostileRequestIsAnsweredWithJson(String name, String head, byte[] body, int status) throws Exception {
        RawAnswer answer = RawAnswer.exchange(gateway.httpPort(), head, body);
        assertJsonError(answer.status(), answer.contentType(), answer.body(), status);
    }

    static Stream<Arguments> hostileRequests() {
        String auth = "Authorization: Bearer " + OPS_TOKEN + "\r\n";
        byte[] none = new byte[0];
        byte[] tenant = "{\"namespaces\":[\"newco\"]}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("oversized body", "PUT /admin/tenants/newco HTTP/1.1\r\n" + auth
                        + "Content-Length: " + 2 * LIMIT + "\r\n", new byte[2 * LIMIT], 413),
                Arguments.of("oversized chunked body", "PUT /admin/tenants/newco HTTP/1.1\r\n" + auth
                        + "Transfer-Encoding: chunked\r\n", chunked(2 * LIMIT), 413),
                Arguments.of("unknown admin path", "GET /admin/nothing HTTP/1.1\r\n" + auth, none, 404),
                Arguments.of("unknown path", "GET /nothing/here HTTP/1.1\r\n", none, 404),
                Arguments.of("method not allowed", "POST /admin/tenants/newco HTTP/1.1\r\n" + auth
                        + "Content-Length: 2\r\n", "{}".getBytes(StandardCharsets.UTF_8), 405),
                Arguments.of("bad percent-encoding in the path", "GET /admin/tenants/%ZZ HTTP/1.1\r\n" + auth,
                        none, 400),
                Arguments.of("encoded slash and dots in the path", "GET /admin/tenants/..%2F..%2Fetc HTTP/1.1\r\n"
                        + auth, none, 400),
                Arguments.of("tenant id too long", "GET /admin/tenants/" + "a".repeat(3_000) + " HTTP/1.1\r\n"
                        + auth, none, 400),
                Arguments.of("request line longer than the decoder allows", "GET /admin/tenants/"
                        + "a".repeat(10_000) + " HTTP/1.1\r\n" + auth, none, 414),
                Arguments.of("headers larger than the decoder allows", "GET /admin/tenants HTTP/1.1\r\n" + auth
                        + "X-Big: " + "b".repeat(20_000) + "\r\n", none, 431),
                Arguments.of("garbage request line", "\u0001\u0002 nonsense\r\n", none, 400),
                Arguments.of("bad percent-encoding in the query", "PUT /admin/tenants/newco?dryRun=%ZZ HTTP/1.1\r\n"
                        + auth + "Content-Length: " + tenant.length + "\r\n", tenant, 400),
                Arguments.of("unauthenticated", "GET /admin/tenants HTTP/1.1\r\n", none, 401),
                Arguments.of("garbage token", "GET /admin/tenants HTTP/1.1\r\nAuthorization: Bearer \u00ff\u00fe"
                        + "\r\n", none, 401));
    }

    private static byte[] chunked(int size) {
        StringBuilder chunks = new StringBuilder();
        int chunk = 64 * 1024;
        for (int sent = 0; sent < size; sent += chunk) {
            chunks.append(Integer.toHexString(chunk)).append("\r\n").append("x".repeat(chunk)).append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertJsonError(HttpResponse<String> answer, int status) {
        assertJsonError(answer.statusCode(), answer.headers().firstValue("content-type").orElse(""), answer.body(),
                status);
    }

    private static void assertJsonError(int actual, String contentType, String body, int status) {
        assertEquals(status, actual, body);
        assertTrue(contentType.startsWith("application/json"), "content-type of " + body);
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertEquals(status, json.getInteger("status"), body);
        assertTrue(json.getString("error", "").contains(":"), "error code in " + body);
        assertTrue(!json.getString("message", "").isEmpty(), "message in " + body);
    }

    private static Arguments row(String name, String body) {
        return Arguments.of(name, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments rowBytes(String name, byte[] body) {
        return Arguments.of(name, body);
    }

    private static byte[] utf8WithInvalidBytes() {
        byte[] start = "{\"namespaces\":[\"new".getBytes(StandardCharsets.UTF_8);
        byte[] end = "co\"]}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] all = new byte[start.length + bad.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(bad, 0, all, start.length, bad.length);
        System.arraycopy(end, 0, all, start.length + bad.length, end.length);
        return all;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.httpPort();
    }

    private static URI uri(String path) {
        return URI.create(base() + path);
    }
}
