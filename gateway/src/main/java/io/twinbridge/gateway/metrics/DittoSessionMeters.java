package io.twinbridge.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;

/**
 * A {@link DittoPortFactory} that gives every session it opens a gauge {@code twinbridge_ditto_session_connected}
 * (1 connected, 0 not), named by the session. Decorating the factory covers every session, ingest's and each
 * tenant's egress session, without the flows knowing about metrics.
 */
final class DittoSessionMeters {
    private DittoSessionMeters() {
    }

    static DittoPortFactory tracking(DittoPortFactory sessions, MeterRegistry registry) {
        return (sessionName, declaredAcks) -> {
            DittoPort port = sessions.open(sessionName, declaredAcks);
            // strong reference: the gauge must not turn NaN while the session lives; a closed session reads 0
            Gauge.builder(MetricNames.DITTO_SESSION_CONNECTED, port, p -> p.isConnected() ? 1 : 0)
                    .description("1 while the Ditto WebSocket session is connected, else 0")
                    .tag(MetricNames.TAG_SESSION, sessionName)
                    .strongReference(true)
                    .register(registry);
            return port;
        };
    }
}
