package io.twinbridge.gateway.dashboard;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.twinbridge.gateway.egress.EgressService;
import io.twinbridge.gateway.ingest.IngestService;

/** Totals of this gateway's ingest and egress counters, and the consumer group's lag from a {@link LagProbe}. */
public final class GatewayStatsSource implements StatsSource {
    private final Supplier<Optional<IngestService>> ingestRef;
    private final Supplier<Optional<EgressService>> egressRef;
    private final LagProbe lag;

    /** The suppliers answer empty until the gateway has created the flow, and when it is disabled. */
    public GatewayStatsSource(Supplier<Optional<IngestService>> ingest, Supplier<Optional<EgressService>> egress,
                              LagProbe lag) {
        this.ingestRef = ingest;
        this.egressRef = egress;
        this.lag = lag;
    }

    @Override
    public StatsReading read() {
        Optional<IngestService> ingest = ingestRef.get();
        Optional<EgressService> egress = egressRef.get();
        return new StatsReading(
                ingest.map(s -> s.consumerStats().consumed()).orElse(0L),
                ingest.map(s -> s.stats().applied()).orElse(0L),
                ingest.map(s -> s.stats().deadLetteredByCode()).orElse(Map.of()),
                egress.map(s -> s.stats().eventsPublished.sum()).orElse(0L),
                egress.map(s -> s.stats().commandsPublished.sum()).orElse(0L),
                ingest.isPresent() ? lag.latest() : OptionalLong.empty(),
                Map.of());
    }
}
