package io.twinbridge.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Meters of one tenant: tagged {@value MetricNames#TAG_TENANT}, as ingest and egress count per tenant. */
public final class TenantMeters {
    private TenantMeters() {
    }

    /** The tenant's counter {@code name}, registered once per tenant and name (Micrometer returns the same one). */
    public static Counter counter(MeterRegistry registry, String tenant, String name, String description) {
        return Counter.builder(name).description(description).tag(MetricNames.TAG_TENANT, tenant).register(registry);
    }
}
