/**
 * The gateway's Prometheus metrics: meter names in one place ({@link io.twinbridge.gateway.metrics.MetricNames}),
 * binders that read the ingest, consumer and egress counters, the Ditto session gauges, and the registry the
 * {@code /metrics} route scrapes. The flows only count; this package turns their counts into meters.
 */
package io.twinbridge.gateway.metrics;
