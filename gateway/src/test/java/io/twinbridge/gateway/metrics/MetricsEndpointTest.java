package io.twinbridge.gateway.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.testkit.GatewayStack;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.FaultKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7's metrics test: a real broker, the sandbox and a running gateway; good and bad telemetry for two tenants;
 * then {@code GET /metrics}, parsed, must count exactly what was sent.
 */
// reads process-wide state (Vert.x meters on the registry, captured log lines): runs alone, not beside other classes
@org.junit.jupiter.api.parallel.Isolated
@Tag("flow")
class MetricsEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PREFIX = "metrics";
    /** The dead-letter code each injected fault must end with (see {@link FaultKind}). */
    private static final Map<FaultKind, String> CODES = Map.of(FaultKind.GARBAGE, "decode.malformed",
            FaultKind.UNKNOWN_SCHEMA, "decode.unknown-schema", FaultKind.OUT_OF_RANGE, "validate.out-of-range");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    static final GatewayStack STACK = GatewayStack.prefix(PREFIX).topics("telemetry", 2, "acme", "globex")
            .topics("twin-events", 1, "acme", "globex").topics("dlq", 1, "acme", "globex");
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = STACK.start(STACK.env());
    }

    @Test
    void theScrapeCountsWhatWasSentPerTenantAndCode() throws Exception {
        // given: telemetry of two tenants, a fifth of it spoiled in three ways
        List<SimRecord> records = new FleetSimulator(FleetOptions.defaults().withTopicPrefix(PREFIX)
                .withDevicesPerKind(1).withKinds(EnumSet.of(AssetKind.TURBINE, AssetKind.HVAC))
                .withFaults(0.2, CODES.keySet())).stream().limit(80).collect(Collectors.toList());
        produce(records);

        // when: everything sent is finished (applied or dead-lettered)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            PrometheusText scrape = scrape();
            return List.of("acme", "globex").stream().allMatch(tenant -> {
                Map<String, String> t = Map.of("tenant", tenant);
                double finished = scrape.valueOrZero("twinbridge_ingest_records_applied_total", t)
                        + scrape.valueOrZero("twinbridge_ingest_records_stale_total", t)
                        + scrape.all("twinbridge_ingest_records_dead_lettered_total").stream()
                        .filter(s -> s.labels().get("tenant").equals(tenant)).mapToDouble(s -> s.value()).sum();
                return finished == records.stream().filter(r -> r.tenant().equals(tenant)).count();
            });
        });

        // then: per tenant, consumed = produced, applied = the good ones, dead-lettered = the bad ones by code
        PrometheusText scrape = scrape();
        for (String tenant : List.of("acme", "globex")) {
            Map<String, String> t = Map.of("tenant", tenant);
            List<SimRecord> sent = records.stream().filter(r -> r.tenant().equals(tenant)).toList();
            long good = sent.stream().filter(r -> r.fault().isEmpty()).count();
            assertTrue(good > 0 && good < sent.size(), "the fleet sent good and bad records");
            assertEquals(sent.size(), scrape.value("twinbridge_ingest_records_consumed_total", t), tenant);
            assertEquals(good, scrape.value("twinbridge_ingest_records_applied_total", t), tenant);
            assertEquals(0, scrape.value("twinbridge_ingest_records_stale_total", t), tenant);
            Map<String, Long> badByCode = sent.stream().filter(r -> r.fault().isPresent())
                    .collect(Collectors.groupingBy(r -> CODES.get(r.fault().get()), Collectors.counting()));
            Map<String, Long> scrapedByCode = scrape.all("twinbridge_ingest_records_dead_lettered_total").stream()
                    .filter(s -> s.labels().get("tenant").equals(tenant))
                    .collect(Collectors.toMap(s -> s.labels().get("code"), s -> (long) s.value()));
            assertEquals(badByCode, scrapedByCode, tenant);
            scrape.all("twinbridge_ingest_records_dead_lettered_total").forEach(s -> assertTrue(
                    s.labels().get("code").startsWith(s.labels().get("stage") + "."), s.toString()));
            // each merge sent was timed once
            double merges = scrape.value("twinbridge_ditto_merges_sent_total", t);
            assertTrue(merges >= 1 && merges <= good, tenant + " merges " + merges);
            Map<String, String> merge = Map.of("tenant", tenant, "command", "merge");
            assertEquals(merges, scrape.value("twinbridge_ditto_request_seconds_count", merge), tenant);
            assertEquals(merges, scrape.value("twinbridge_ditto_request_seconds_bucket",
                    Map.of("tenant", tenant, "command", "merge", "le", "+Inf")), tenant);
            // and each create (the first write of a device) once, under its own command
            assertEquals(scrape.value("twinbridge_ingest_things_provisioned_total", Map.of()) > 0, scrape.value(
                    "twinbridge_ditto_request_seconds_count", Map.of("tenant", tenant, "command", "create")) > 0,
                    tenant);
            assertEquals(0, scrape.value("twinbridge_kafka_consumer_paused_partitions", t), tenant);
        }
        assertEquals(1, scrape.value("twinbridge_ditto_session_connected", Map.of("session", "ingest")));
        assertEquals(1, scrape.value("twinbridge_ditto_session_connected", Map.of("session", "egress-acme")));
        assertEquals(4, scrape.value("twinbridge_kafka_consumer_assigned_partitions", Map.of()));
        // and Vert.x's own meters on the same registry: the HTTP server counted the scrapes before this one
        assertTrue(scrape.all("vertx_http_server_requests_total").stream().mapToDouble(s -> s.value()).sum() >= 1,
                "Vert.x's HTTP server meters are on /metrics");
        assertTrue(scrape.sampleNames().stream().anyMatch(n -> n.startsWith("vertx_pool_")), "the pools' meters");

        // and: egress published the twins' changes, and the consumer caught up on all four partitions
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            PrometheusText later = scrape();
            return later.value("twinbridge_egress_events_published_total", Map.of("tenant", "acme")) > 0
                    && later.value("twinbridge_egress_events_published_total", Map.of("tenant", "globex")) > 0
                    && later.all("twinbridge_kafka_consumer_lag_records").size() == 4
                    && later.all("twinbridge_kafka_consumer_lag_records").stream().allMatch(s -> s.value() == 0);
        });
    }

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(response.body());
    }

    private static void produce(List<SimRecord> records) throws Exception {
        STACK.produce(records.stream().map(r -> new ProducerRecord<>(r.topic(), r.key().getBytes(
                StandardCharsets.UTF_8), r.value())).toList());
    }
}
