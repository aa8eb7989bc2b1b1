package io.twinbridge.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * Makes the {@code href}s of a Thing Model's links absolute, for serving. The shipped files link their submodels
 * relatively ({@code ./turbine-rotor-1.0.0.tm.jsonld}), which keeps them valid wherever they are served; but Ditto
 * resolves a {@code tm:submodel} or {@code tm:extends} href with {@code new URL(href)} and refuses a relative one,
 * so the gateway serves them resolved against the document's own public URL.
 */
public final class ModelLinks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelLinks() {
    }

    /**
     * @param document the model as shipped
     * @param baseUrl  the public base URL the document is served under, e.g. {@code http://twinbridge:8088}
     * @return the document's JSON with every relative link {@code href} resolved against
     *         {@code baseUrl + document.path()}; everything else unchanged
     */
    public static byte[] absolute(ModelDocument document, String baseUrl) {
        try {
            JsonNode tm = JSON.readTree(document.bytes());
            URI self = URI.create(stripSlash(baseUrl) + document.path());
            boolean changed = false;
            for (JsonNode link : tm.path("links")) {
                JsonNode href = link.get("href");
                if (link.isObject() && href != null && href.isTextual() && !URI.create(href.asText()).isAbsolute()) {
                    ((ObjectNode) link).put("href", self.resolve(href.asText()).toString());
                    changed = true;
                }
            }
            return changed ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tm) : document.bytes();
        } catch (IOException e) {
            // the registry parsed every document at load time, so this cannot happen for a registered one
            throw new UncheckedIOException("cannot re-read model " + document.path(), e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
