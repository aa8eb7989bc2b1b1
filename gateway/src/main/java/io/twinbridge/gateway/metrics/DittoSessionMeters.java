package io.twinbridge.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import java.util.Set;

/**
 * A {@link DittoPortFactory} that gives every session it opens a gauge {@code twinbridge_ditto_session_connected}
 * (1 connected, 0 not), named by the session. Decorating the factory covers every session, ingest's and each
 * tenant's egress and writer sessions, also those logged in as a tenant's own user, without the flows knowing about
 * metrics.
 */
final class DittoSessionMeters implements DittoPortFactory {
    private final DittoPortFactory sessions;
    private final MeterRegistry registry;

    private DittoSessionMeters(DittoPortFactory sessions, MeterRegistry registry) {
        this.sessions = sessions;
        this.registry = registry;
    }

    static DittoPortFactory tracking(DittoPortFactory sessions, MeterRegistry registry) {
        return new DittoSessionMeters(sessions, registry);
    }

    @Override
    public DittoPort open(String sessionName, Set<String> declaredAcks) {
        return tracked(sessionName, sessions.open(sessionName, declaredAcks));
    }

    @Override
    public DittoPort openWithBearerToken(String sessionName, String token) {
        return tracked(sessionName, sessions.openWithBearerToken(sessionName, token));
    }

    private DittoPort tracked(String sessionName, DittoPort port) {
        // A session reopened under the same name (a tenant's egress after a change) replaces the gauge of the old
        // one; Micrometer would otherwise keep returning the first gauge, which reads the closed session.
        Gauge stale = registry.find(MetricNames.DITTO_SESSION_CONNECTED).tag(MetricNames.TAG_SESSION, sessionName)
                .gauge();
        if (stale != null) {
            registry.remove(stale);
        }
        // strong reference: the gauge must not turn NaN while the session lives; a closed session reads 0
        Gauge.builder(MetricNames.DITTO_SESSION_CONNECTED, port, p -> p.isConnected() ? 1 : 0)
                .description("1 while the Ditto WebSocket session is connected, else 0")
                .tag(MetricNames.TAG_SESSION, sessionName)
                .strongReference(true)
                .register(registry);
        return port;
    }

    @Override
    public DittoPortFactory withCredentials(String username, String password) {
        return new DittoSessionMeters(sessions.withCredentials(username, password), registry);
    }
}
