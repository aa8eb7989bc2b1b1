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

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

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
}
