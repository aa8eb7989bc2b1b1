package io.twinbridge.sandbox.ditto;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Blocking HTTP calls against a sandbox for tests. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static String basic(final String user, final String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder request(final DittoSandbox sandbox, final String path, final String user) {
        return HttpRequest.newBuilder(URI.create(sandbox.httpUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", basic(user, user));
    }

    static HttpResponse<String> send(final HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpClient client() {
        return CLIENT;
    }

    /** A query parameter value, URL-encoded. */
    static String encoded(final String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * {@code method path} as {@code ditto}, with {@code body} (none when empty), the {@code Content-Type} (none when
     * null) and further headers as name, value, name, value...
     */
    static HttpResponse<String> call(final DittoSandbox sandbox, final String method, final String path,
            final String body, final String contentType, final String... headers) throws Exception {
        final HttpRequest.Builder request = request(sandbox, path, "ditto")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** {@code PUT path} with a JSON body, as {@code ditto}. */
    static HttpResponse<String> putJson(final DittoSandbox sandbox, final String path, final String body)
            throws Exception {
        return send(request(sandbox, path, "ditto").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Opens an SSE stream as {@code ditto} and returns its {@code data:} payloads as they come. */
    static java.util.List<String> openEventStream(final DittoSandbox sandbox, final String path) throws Exception {
        final java.util.List<String> data = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        final HttpResponse<java.util.stream.Stream<String>> response = CLIENT.sendAsync(request(sandbox, path, "ditto")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode());
        final Thread reader = new Thread(() -> {
            try {
                response.body().forEach(line -> {
                    lines.add(line);
                    if (line.startsWith("data:")) {
                        data.add(line.substring("data:".length()));
                    }
                });
            } catch (final java.io.UncheckedIOException closedBySandboxShutdown) {
                lines.add("closed");
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
        return data;
    }
}
