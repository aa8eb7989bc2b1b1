package io.twinbridge.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.config.HttpConfig;
import io.twinbridge.gateway.model.ModelDocument;
import io.twinbridge.gateway.model.ModelRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Thing Models are served unchanged at the stable paths that things' definitions point to. */
class ModelRoutesTest {
    private final ModelRegistry models = ModelRegistry.fromClasspath();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private String base;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ModelRoutes(models).mount(router);
        GatewayHttpServer server = GatewayHttpServer.start(vertx, new HttpConfig("127.0.0.1", 0), router)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyModelDocumentIsServedUnchangedWithItsMediaType() throws Exception {
        assertTrue(models.documentPaths().size() >= 4 + 18, "thing models and their feature submodels");
        for (String path : models.documentPaths()) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals(ModelDocument.MEDIA_TYPE, response.headers().firstValue("content-type").orElseThrow());
            assertEquals(models.document(path).orElseThrow().text(), response.body(), path);
        }
    }

    @Test
    void theListNamesEveryModelAndAnUnknownPathIs404() throws Exception {
        HttpResponse<String> list = get("/models");
        assertEquals(200, list.statusCode());
        models.documentPaths().forEach(path -> assertTrue(list.body().contains("\"" + path + "\""), path));

        HttpResponse<String> missing = get("/models/turbine/turbine-9.9.9.tm.jsonld");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("model.notfound"), missing.body());
    }
}
