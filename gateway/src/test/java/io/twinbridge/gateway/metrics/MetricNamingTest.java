package io.twinbridge.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.egress.EgressStats;
import io.twinbridge.gateway.ingest.IngestStats;
import io.twinbridge.gateway.ingest.IngestStatsFixture;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.kafka.IngestConsumerStats;
import io.twinbridge.gateway.kafka.IngestConsumerStatsFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Prometheus naming conventions for every meter the gateway exports: base units, {@code _total}, {@code _seconds}. */
class MetricNamingTest {
    /** Gauges name their unit; a 1/0 state gauge names the state instead. */
    private static final Set<String> GAUGE_UNITS = Set.of("_records", "_partitions", "_seconds", "_bytes", "_sessions",
            "_merges", "_things");
    private static final Set<String> STATE_GAUGES = Set.of("twinbridge_ditto_session_connected");
    /** Counted for the whole gateway: the flows keep no tenant for these. */
    private static final Set<String> GATEWAY_WIDE = Set.of("twinbridge_ingest_decode_retries_total",
            "twinbridge_ingest_things_provisioned_total", "twinbridge_ingest_creates_first_total",
            "twinbridge_ditto_write_retries_total",
            "twinbridge_ditto_egress_ack_failures_total", "twinbridge_kafka_consumer_records_polled_total",
            "twinbridge_kafka_consumer_records_finished_total", "twinbridge_kafka_consumer_pauses_total",
            "twinbridge_kafka_consumer_records_abandoned_total");

    @Test
    void everyGatewayMeterFollowsThePrometheusConventions() {
        PrometheusText scrape = PrometheusText.parse(populated().scrape());
        Map<String, String> ours = new java.util.TreeMap<>();
        scrape.types.forEach((family, type) -> {
            if (family.startsWith("twinbridge_")) {
                ours.put(family, type);
            }
        });
        // a timer also exports its maximum as a gauge <name>_max next to its histogram
        long timerMaxima = ours.keySet().stream().filter(f -> f.endsWith("_max")
                && "histogram".equals(ours.get(f.substring(0, f.length() - 4)))).count();
        long meterNames = java.util.Arrays.stream(MetricNames.class.getFields()).filter(f -> {
            try {
                return f.get(null).toString().startsWith("twinbridge.");
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }).count();
        assertEquals(meterNames, ours.size() - timerMaxima,
                "one family per meter name in MetricNames (the others are tag keys and units): " + ours.keySet());
        ours.forEach((family, type) -> {
            switch (type) {
                case "counter" -> assertTrue(family.endsWith("_total"), family + " is a counter");
                case "histogram" -> assertTrue(family.endsWith("_seconds"), family + " is a duration in seconds");
                case "gauge" -> assertTrue(STATE_GAUGES.contains(family) || family.endsWith("_seconds_max")
                        || GAUGE_UNITS.stream().anyMatch(family::endsWith), family + " names its unit");
                default -> throw new AssertionError(family + " has unexpected type " + type);
            }
            assertTrue(type.equals("counter") || !family.endsWith("_total"), family + ": _total only on counters");
            assertTrue(!family.contains("millis") && !family.contains("_ms_"), family + ": base units");
            assertTrue(family.matches("[a-z][a-z0-9_]*"), family);
        });
        assertTrue(scrape.sampleNames().contains("twinbridge_ditto_request_seconds_bucket"), "a real histogram");
        assertEquals(5, scrape.value("twinbridge_kafka_consumer_lag_records", Map.of("partition", "0")));
        assertEquals(1, scrape.value("twinbridge_kafka_consumer_paused_partitions", Map.of("tenant", "acme")));
        assertEquals(1, scrape.value("twinbridge_ditto_session_connected", Map.of("session", "ingest")));
        scrape.samples.stream().filter(s -> s.name().startsWith("twinbridge_")
                        && !s.name().equals("twinbridge_kafka_consumer_assigned_partitions")
                        && !s.name().equals("twinbridge_kafka_consumer_in_flight_records")
                        && !s.name().startsWith("twinbridge_ingest_write_")
                        && !s.name().startsWith("twinbridge_ingest_ready_queue")
                        && !s.name().startsWith("twinbridge_ingest_pending_")
                        && !s.name().equals("twinbridge_ditto_session_connected")
                        && !s.name().equals("twinbridge_dashboard_sessions")
                        && !GATEWAY_WIDE.contains(s.name()))
                .forEach(s -> assertEquals("acme", s.labels().get("tenant"), s + " has its tenant"));
    }

    @Test
    void aDittoRoundTripLandsInItsBucket() {
        GatewayMetrics metrics = new GatewayMetrics();
        IngestStats stats = new IngestStats(metrics.registry());
        IngestStatsFixture.dittoRoundTrip(stats, "acme", 3_000_000);
        PrometheusText scrape = PrometheusText.parse(metrics.scrape());
        assertEquals(0, scrape.value("twinbridge_ditto_request_seconds_bucket", Map.of("command", "merge", "le",
                "0.002")));
        assertEquals(1, scrape.value("twinbridge_ditto_request_seconds_bucket", Map.of("command", "merge", "le",
                "0.005")));
        assertEquals(0.003, scrape.value("twinbridge_ditto_request_seconds_sum", Map.of("tenant", "acme", "command",
                "merge")), 1e-9);
        assertEquals(0, scrape.value("twinbridge_ditto_request_seconds_count", Map.of("tenant", "acme", "command",
                "create")), "no create was timed");
    }

    /** Each counter family reads its own figure of the stats: a meter bound to the wrong one fails here. */
    @Test
    void eachCounterReadsItsOwnFigure() {
        GatewayMetrics metrics = new GatewayMetrics();
        IngestStatsFixture.distinctCounts(metrics.registry(), "acme");
        EgressStats acme = new EgressStats(metrics.registry(), "acme");
        acme.eventsPublished.increment(11);
        acme.resyncsPublished.increment(12);
        acme.eventsDropped.increment(13);
        acme.commandsPublished.increment(14);
        acme.commandsRejected.increment(15);
        acme.acksWithheld.increment(16);
        acme.desiredCleared.increment(17);
        PrometheusText scrape = PrometheusText.parse(metrics.scrape());
        Map<String, String> t = Map.of("tenant", "acme");

        Map<String, Double> expected = new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("twinbridge_ingest_records_consumed_total", 9.0),
                Map.entry("twinbridge_ingest_records_applied_total", 8.0),
                Map.entry("twinbridge_ingest_records_coalesced_total", 3.0),
                Map.entry("twinbridge_ditto_merges_sent_total", 5.0),
                Map.entry("twinbridge_ingest_stale_features_dropped_total", 4.0),
                Map.entry("twinbridge_ingest_records_stale_total", 2.0),
                Map.entry("twinbridge_egress_events_published_total", 11.0),
                Map.entry("twinbridge_egress_resyncs_published_total", 12.0),
                Map.entry("twinbridge_egress_events_dropped_total", 13.0),
                Map.entry("twinbridge_egress_commands_published_total", 14.0),
                Map.entry("twinbridge_egress_commands_rejected_total", 15.0),
                Map.entry("twinbridge_egress_acks_withheld_total", 16.0),
                Map.entry("twinbridge_egress_desired_cleared_total", 17.0)));
        Map<String, Double> scraped = new java.util.TreeMap<>();
        expected.keySet().forEach(name -> scraped.put(name, scrape.value(name, t)));
        assertEquals(expected, scraped);
        Map<String, Double> gatewayWide = new java.util.TreeMap<>();
        GATEWAY_WIDE.stream().filter(name -> !name.startsWith("twinbridge_kafka_consumer_"))
                .forEach(name -> gatewayWide.put(name, scrape.value(name, Map.of())));
        assertEquals(Map.of("twinbridge_ingest_decode_retries_total", 21.0,
                "twinbridge_ingest_things_provisioned_total", 22.0, "twinbridge_ditto_write_retries_total", 23.0,
                "twinbridge_ditto_egress_ack_failures_total", 24.0, "twinbridge_ingest_creates_first_total", 25.0),
                gatewayWide);
        assertEquals(6, scrape.value("twinbridge_ingest_records_dead_lettered_total",
                Map.of("tenant", "acme", "stage", "validate", "code", "validate.out-of-range")));
        assertEquals(1, scrape.value("twinbridge_ingest_records_dead_lettered_total",
                Map.of("tenant", "acme", "stage", "decode", "code", "decode.malformed")));
    }

    /** The dashboard may only query what the gateway exports: every name in its PromQL is in a real scrape. */
    @Test
    void theGrafanaDashboardQueriesOnlyExportedMetrics() throws Exception {
        Set<String> exported = PrometheusText.parse(populated().scrape()).sampleNames();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("..", "docs",
                "grafana-dashboard.json"), StandardCharsets.UTF_8));
        assertEquals(39, dashboard.get("schemaVersion").asInt());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(t -> queries.add(t.get("expr").asText())));
        dashboard.get("templating").get("list").forEach(v -> {
            if (v.has("definition")) {
                queries.add(v.get("definition").asText());
            }
        });
        assertTrue(queries.size() >= 10, "panels for every area: " + queries.size());
        Pattern metric = Pattern.compile("twinbridge_[a-z0-9_]+");
        for (String query : queries) {
            Matcher m = metric.matcher(query);
            assertTrue(m.find(), "no gateway metric in " + query);
            m.reset();
            while (m.find()) {
                assertTrue(exported.contains(m.group()), m.group() + " (in " + query + ") is not exported");
            }
        }
    }

    static GatewayMetrics populated() {
        GatewayMetrics metrics = new GatewayMetrics();
        IngestStats ingest = IngestStatsFixture.oneOfEach(metrics.registry(), "acme");
        metrics.beforeScrape(IngestStatsFixture.consumerMeters(metrics.registry(),
                IngestConsumerStatsFixture.lagging(new TopicPartition("tb.telemetry.acme", 0), 5), ingest, "acme"));
        IngestStatsFixture.dittoRoundTrip(ingest, "acme", 1_000_000);
        new EgressStats(metrics.registry(), "acme").eventsPublished.increment();
        metrics.bindDashboard(() -> 1);
        // a session that is always connected and answers nothing else
        DittoPort session = (DittoPort) Proxy.newProxyInstance(DittoPort.class.getClassLoader(),
                new Class<?>[] {DittoPort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isConnected")) {
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        metrics.trackSessions((name, acks) -> session).open("ingest");
        return metrics;
    }
}
