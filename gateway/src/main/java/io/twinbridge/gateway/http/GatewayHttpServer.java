package io.twinbridge.gateway.http;

import io.twinbridge.gateway.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/** The gateway's HTTP server: health and readiness now; admin API, models and metrics mount on the same router. */
public final class GatewayHttpServer {
    private final HttpServer server;

    private GatewayHttpServer(HttpServer server) {
        this.server = server;
    }

    public static Future<GatewayHttpServer> start(Vertx vertx, HttpConfig config, Router router) {
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port());
        JsonErrors.install(router);
        return vertx.createHttpServer(options).invalidRequestHandler(JsonErrors::invalidRequest)
                .requestHandler(router).listen()
                .map(GatewayHttpServer::new)
                .recover(e -> Future.failedFuture(new IllegalStateException("cannot listen on " + config.host() + ":"
                        + config.port() + ": " + e.getMessage(), e)));
    }

    /** The bound port: the configured one, or the one picked for port 0. */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        return server.close();
    }
}
