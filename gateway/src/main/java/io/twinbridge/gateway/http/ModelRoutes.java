package io.twinbridge.gateway.http;

import io.twinbridge.gateway.model.ModelDocument;
import io.twinbridge.gateway.model.ModelLinks;
import io.twinbridge.gateway.model.ModelRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Serves the Thing Models at stable paths under {@code /models/}, so that a thing's {@code definition} URL resolves,
 * for Ditto and for people. {@code GET /models} lists them. Link {@code href}s are served absolute, under the same
 * public base URL as the definitions ({@link ModelLinks}), because Ditto cannot follow relative ones.
 */
public final class ModelRoutes {
    private final ModelRegistry models;
    private final Map<String, Buffer> served = new HashMap<>();

    /** @param publicBaseUrl {@code models.base-url}: where Ditto and people reach these paths */
    public ModelRoutes(ModelRegistry models, String publicBaseUrl) {
        this.models = models;
        for (String path : models.documentPaths()) {
            served.put(path, Buffer.buffer(ModelLinks.absolute(models.document(path).orElseThrow(), publicBaseUrl)));
        }
    }

    public void mount(Router router) {
        router.get("/models").handler(this::list);
        router.get("/models/*").handler(this::document);
    }

    private void list(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonArray(java.util.List.copyOf(new TreeSet<>(models.documentPaths()))).encode());
    }

    private void document(RoutingContext ctx) {
        Buffer document = served.get(ctx.normalizedPath());
        if (document == null) {
            ctx.response().setStatusCode(404).putHeader("content-type", "application/json; charset=utf-8")
                    .end("{\"status\":404,\"error\":\"model.notfound\",\"message\":\"No Thing Model at "
                            + ctx.normalizedPath().replace("\"", "") + "\"}");
            return;
        }
        ctx.response().putHeader("content-type", ModelDocument.MEDIA_TYPE)
                .putHeader("cache-control", "public, max-age=300")
                .end(document);
    }
}
