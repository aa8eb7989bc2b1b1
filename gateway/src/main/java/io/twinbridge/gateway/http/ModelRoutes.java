package io.twinbridge.gateway.http;

import io.twinbridge.gateway.model.ModelDocument;
import io.twinbridge.gateway.model.ModelRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Serves the Thing Models at stable paths under {@code /models/}, so that a thing's {@code definition} URL resolves,
 * for Ditto and for people. {@code GET /models} lists them.
 */
public final class ModelRoutes {
    private final ModelRegistry models;

    public ModelRoutes(ModelRegistry models) {
        this.models = models;
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
        Optional<ModelDocument> document = models.document(ctx.normalizedPath());
        if (document.isEmpty()) {
            ctx.response().setStatusCode(404).putHeader("content-type", "application/json; charset=utf-8")
                    .end("{\"status\":404,\"error\":\"model.notfound\",\"message\":\"No Thing Model at "
                            + ctx.normalizedPath().replace("\"", "") + "\"}");
            return;
        }
        ctx.response().putHeader("content-type", ModelDocument.MEDIA_TYPE)
                .putHeader("cache-control", "public, max-age=300")
                .end(Buffer.buffer(document.get().bytes()));
    }
}
