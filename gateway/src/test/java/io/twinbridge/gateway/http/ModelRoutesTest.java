package io.twinbridge.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.config.HttpConfig;
import io.twinbridge.gateway.model.ModelDocument;
import io.twinbridge.gateway.model.ModelRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Thing Models are served at the stable paths that things' definitions point to, with absolute links. */
class ModelRoutesTest {
    private static final String PUBLIC_BASE = "http://twinbridge:8088";
    private final ModelRegistry models = ModelRegistry.fromClasspath();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private String base;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ModelRoutes(models, PUBLIC_BASE).mount(router);
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
    void everyModelDocumentIsServedWithItsMediaTypeAndOnlyItsLinksChanged() throws Exception {
        assertTrue(models.documentPaths().size() >= 4 + 18, "thing models and their feature submodels");
        for (String path : models.documentPaths()) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals(ModelDocument.MEDIA_TYPE, response.headers().firstValue("content-type").orElseThrow());
            JsonNode shipped = json.readTree(models.document(path).orElseThrow().text());
            JsonNode served = json.readTree(response.body());
            ((ObjectNode) shipped).remove("links");
            ((ObjectNode) served).remove("links");
            assertEquals(shipped, served, path);
        }
    }

    @Test
    void submodelLinksAreAbsoluteUnderThePublicBaseUrlBecauseDittoCannotFollowRelativeOnes() throws Exception {
        JsonNode turbine = json.readTree(get("/models/turbine/turbine-1.0.0.tm.jsonld").body());
        List<String> hrefs = new ArrayList<>();
        turbine.path("links").forEach(link -> hrefs.add(link.path("href").asText()));
        assertEquals(5, hrefs.size(), hrefs::toString);
        assertTrue(hrefs.contains(PUBLIC_BASE + "/models/turbine/turbine-rotor-1.0.0.tm.jsonld"), hrefs::toString);
        for (String href : hrefs) {
            assertTrue(href.startsWith(PUBLIC_BASE + "/models/turbine/turbine-"), href);
            String path = href.substring(PUBLIC_BASE.length());
            assertEquals(200, get(path).statusCode(), "the linked submodel is served: " + path);
        }
    }

    /** Issue 11 item 12: a client in another language needs the bindings beside the models. */
    @Test
    void everyBindingIsServedBesideItsModelAsShipped() throws Exception {
        assertEquals(4, models.bindingPaths().size(), models.bindingPaths()::toString);
        for (String kind : List.of("turbine", "robot", "hvac", "vehicle")) {
            String path = "/models/" + kind + "/" + kind + "-1.0.0.binding.json";
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
            assertEquals(json.readTree(models.binding(path).orElseThrow().text()), json.readTree(response.body()));
            assertTrue(get("/models").body().contains("\"" + path + "\""), path);
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
