package io.twinbridge.launcher;

import io.twinbridge.gateway.tenant.document.TenantDocument;
import io.twinbridge.gateway.tenant.document.TenantJson;
import io.twinbridge.gateway.tenant.document.TenantSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends each tenant of a checked document to a gateway's admin API, in id order, stopping at the first failure. */
final class TenantApplier {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String token;
    private final Console console;

    TenantApplier(String gateway, String token, Console console) {
        this.gateway = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
        this.token = token;
        this.console = console;
    }

    int apply(TenantDocument document) {
        for (TenantSpec tenant : document.tenants()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/admin/tenants/" + tenant.id()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(TenantJson.tenant(tenant).toString(),
                            StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                console.err().println("twinbridge tenants apply: gateway " + gateway + " not reachable: " + e);
                return ExitCodes.GATEWAY_UNREACHABLE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILED;
            }
            int status = response.statusCode();
            if (status == 200 || status == 201) {
                console.out().println(tenant.id() + ": " + (status == 201 ? "created" : "updated") + ", policy "
                        + tenant.policyId() + " applied");
                continue;
            }
            console.err().println("twinbridge tenants apply: tenant " + tenant.id() + " failed with HTTP " + status
                    + ": " + response.body());
            return switch (status) {
                case 400 -> ExitCodes.INVALID_DOCUMENT;
                case 401, 403 -> ExitCodes.NOT_AUTHORIZED;
                case 503 -> ExitCodes.DITTO_UNAVAILABLE;
                default -> ExitCodes.FAILED;
            };
        }
        return ExitCodes.OK;
    }
}
