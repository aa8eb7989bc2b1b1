package io.twinbridge.gateway.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Asks Ditto whether it accepts a person's credentials, before the gateway opens a session for them: one search for
 * at most one thing id ({@code GET /api/2/search/things?fields=thingId&option=size(1)}) with the person's
 * {@code Authorization} header. Ditto answers 401 to credentials it (or its nginx) does not accept, and 200 with only
 * the things the person may read otherwise (Ditto doc "Search": results hold only things the authenticated subjects
 * may READ; route {@code ThingSearchRoute}). The search rather than {@code /api/2/whoami}: the Ditto sandbox
 * has no whoami, and both answer 401 alike.
 */
final class DittoSignIn {
    /** What Ditto said. */
    enum Verdict { ACCEPTED, REFUSED, UNAVAILABLE }

    private final URI search;
    private final Duration timeout;
    private final HttpClient http;

    DittoSignIn(URI httpEndpoint, Duration connectTimeout, Duration timeout) {
        this.search = URI.create(httpEndpoint.toString().replaceAll("/+$", "")
                + "/api/2/search/things?fields=thingId&option=size(1)");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    CompletionStage<Verdict> check(DashboardCredentials credentials) {
        HttpRequest request = HttpRequest.newBuilder(search).GET().timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", credentials.authorization())
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                return Verdict.UNAVAILABLE;
            }
            int status = response.statusCode();
            if (status == 200) {
                return Verdict.ACCEPTED;
            }
            return status == 401 || status == 403 ? Verdict.REFUSED : Verdict.UNAVAILABLE;
        });
    }
}
