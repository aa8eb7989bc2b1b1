package io.twinbridge.gateway.ingest;

import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.model.ModelRegistry;
import io.twinbridge.gateway.model.ThingModel;
import io.twinbridge.gateway.retry.Backoff;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link ThingWriter} over a given port, for the writer's unit tests: tenant acme with its policy, turbine model. */
final class ThingWriterKit {
    static final TenantSettings ACME = new TenantSettings(TenantId.of("acme"), "acme", CodecKind.AUTO,
            Optional.of("acme:tenant-policy"));

    private ThingWriterKit() {
    }

    /** Retries after 1 to 5 ms, on {@code pipeline}. */
    static ThingWriter writer(DittoPort port, ScheduledExecutorService pipeline, Optional<String> egressAckPrefix) {
        return new ThingWriter(tenant -> port, new ThingProvisioner("http://gw:8088"),
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), () -> 0.5), pipeline, new IngestStats(),
                egressAckPrefix, 100_000);
    }

    static ThingModel turbine() {
        return ModelRegistry.fromClasspath().byKind("turbine").orElseThrow().model();
    }
}
