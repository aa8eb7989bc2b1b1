/**
 * The gateway's Prometheus metrics: meter names in one place ({@link io.twinbridge.gateway.metrics.MetricNames}),
 * reads of the counters ({@link io.twinbridge.gateway.metrics.MeterReads}), the Ditto session gauges, Vert.x's own
 * meters, and the registry the {@code /metrics} route scrapes. The flows count into the registry themselves, each
 * event once, tagged with its tenant and outcome.
 */
package io.twinbridge.gateway.metrics;
