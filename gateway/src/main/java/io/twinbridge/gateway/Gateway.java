package io.twinbridge.gateway;

import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.egress.EgressService;
import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.lifecycle.Lifecycles;
import io.twinbridge.gateway.tenant.TenantAdmin;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway. Start it with {@link #start}, stop it with {@link #stop}. Neither Kafka nor Ditto has to be up
 * for it to start: {@code /ready} reports them until they answer, and ingest waits until Ditto holds every tenant's
 * policy. Its parts, their start order and their stop order are those of {@link GatewayAssembly}.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayAssembly parts;
    private final Lifecycles lifecycles;

    private Gateway(GatewayAssembly parts, Lifecycles lifecycles) {
        this.parts = parts;
        this.lifecycles = lifecycles;
    }

    public static Future<Gateway> start(GatewayConfig config) {
        return start(config, DittoPortFactory.webSocket(config.ditto()));
    }

    /** With another Ditto session factory, e.g. a test double. */
    public static Future<Gateway> start(GatewayConfig config, DittoPortFactory dittoSessions) {
        return start(config, dittoSessions, name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * @param environment where tenants' Ditto passwords are read ({@code passwordEnv}); the process environment in
     *                    production
     */
    public static Future<Gateway> start(GatewayConfig config, DittoPortFactory dittoSessions,
                                        Function<String, Optional<String>> environment) {
        config.warnings().forEach(LOG::warn);
        GatewayAssembly parts;
        try {
            parts = new GatewayAssembly(config, dittoSessions, environment);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Lifecycles lifecycles = new Lifecycles(parts.parts);
        return Future.fromCompletionStage(lifecycles.start().thenApply(started -> new Gateway(parts, lifecycles)));
    }

    /** Stops every part in the reverse of the start order: the flows drain, then HTTP, sessions and clients close. */
    public Future<Void> stop() {
        return Future.fromCompletionStage(lifecycles.stop().whenComplete((ok, failure) ->
                LOG.info("TwinBridge gateway stopped")));
    }

    public DittoPort ditto() {
        return parts.ditto;
    }

    /** The bound HTTP port, also when the configuration asked for port 0. */
    public int httpPort() {
        return parts.http.port();
    }

    /** The ingest flow, unless {@code ingest.enabled} is false. */
    public Optional<IngestService> ingest() {
        return parts.ingest.flatMap(FlowPart::service);
    }

    /** Tenants as declared in the tenants document, and their administration. */
    public TenantAdmin tenants() {
        return parts.tenants;
    }

    /** The egress flow, unless {@code egress.enabled} is false. */
    public Optional<EgressService> egress() {
        return parts.egress.flatMap(FlowPart::service);
    }

    public boolean isReady() {
        return parts.readiness.isReady();
    }
}
