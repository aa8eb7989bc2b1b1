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
import java.util.Optional;
import java.util.TreeSet;

/**
 * Serves the Thing Models at stable paths under {@code /models/}, so that a thing's {@code definition} URL resolves,
 * for Ditto and for people, and beside them the binding files ({@code <kind>-<version>.binding.json}, as shipped),
 * which clients in other languages need too. {@code GET /models} lists both. Link {@code href}s are served absolute, under the same
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
        TreeSet<String> paths = new TreeSet<>(models.documentPaths());
        paths.addAll(models.bindingPaths());
        ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                .end(new JsonArray(java.util.List.copyOf(paths)).encode());
    }

    private void document(RoutingContext ctx) {
        Buffer document = served.get(ctx.normalizedPath());
        Optional<ModelDocument> binding = models.binding(ctx.normalizedPath());
        if (document == null && binding.isPresent()) {
            // a client in another language needs the bindings as well as the models (docs/clients.md)
            ctx.response().putHeader("content-type", "application/json; charset=utf-8")
                    .putHeader("cache-control", "public, max-age=300")
                    .end(Buffer.buffer(binding.get().bytes()));
            return;
        }
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
