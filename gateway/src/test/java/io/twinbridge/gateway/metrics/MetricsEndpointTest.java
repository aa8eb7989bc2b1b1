package io.twinbridge.gateway.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.Gateway;
import io.twinbridge.gateway.logging.CapturedLogs;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
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
    /** What the gateway logged, for a failure's message: CI shows little more than that. */
    private static CapturedLogs logs;

    @BeforeAll
    static void start() throws Exception {
        logs = CapturedLogs.attach();
        gateway = STACK.start(STACK.env());
    }

    @AfterAll
    static void detach() {
        logs.close();
    }

    @Test
    void theScrapeCountsWhatWasSentPerTenantAndCode() throws Exception {
        // given: telemetry of two tenants, a fifth of it spoiled in three ways
        List<SimRecord> records = new FleetSimulator(FleetOptions.defaults().withTopicPrefix(PREFIX)
                .withDevicesPerKind(1).withKinds(EnumSet.of(AssetKind.TURBINE, AssetKind.HVAC))
                .withFaults(0.2, CODES.keySet())).stream().limit(80).collect(Collectors.toList());
        produce(records);

        // when: everything sent is finished (applied, stale or dead-lettered); a record counted twice ends the wait too,
        // and fails below by its count; a timeout names what the last scrape counted
        AtomicReference<PrometheusText> last = new AtomicReference<>();
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                last.set(scrape());
                return List.of("acme", "globex").stream().allMatch(tenant -> finished(last.get(), tenant)
                        >= records.stream().filter(r -> r.tenant().equals(tenant)).count());
            });
        } catch (ConditionTimeoutException e) {
            // one line without a cause: the build's summary of errors shows the first line of the message
            throw new AssertionError("not all " + records.size() + " records finished in " + WAIT + ": "
                    + (last.get() == null ? "no scrape" : counts(last.get())) + " log: " + logs.lines().stream()
                    .filter(l -> !l.message().startsWith("Dead-lettering ") && !l.message().startsWith("Created thing "))
                    .map(l -> l.logger().substring(l.logger().lastIndexOf('.') + 1) + " " + l.message())
                    .collect(Collectors.joining(" | ")).replace('\n', ' '));
        }

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

    /** Records of the tenant applied, stale or dead-lettered, by the scrape. */
    private static double finished(PrometheusText scrape, String tenant) {
        Map<String, String> t = Map.of("tenant", tenant);
        return scrape.valueOrZero("twinbridge_ingest_records_applied_total", t)
                + scrape.valueOrZero("twinbridge_ingest_records_stale_total", t)
                + scrape.all("twinbridge_ingest_records_dead_lettered_total").stream()
                .filter(s -> s.labels().get("tenant").equals(tenant)).mapToDouble(s -> s.value()).sum();
    }

    /** What a scrape counted of ingest, per tenant, on one line: what a failure needs to be understood. */
    private static String counts(PrometheusText scrape) {
        StringBuilder out = new StringBuilder();
        for (String tenant : List.of("acme", "globex")) {
            Map<String, String> t = Map.of("tenant", tenant);
            out.append(tenant).append(": consumed ").append(scrape.valueOrZero("twinbridge_ingest_records_consumed_total", t))
                    .append(" applied ").append(scrape.valueOrZero("twinbridge_ingest_records_applied_total", t))
                    .append(" stale ").append(scrape.valueOrZero("twinbridge_ingest_records_stale_total", t))
                    .append(" dead-lettered ").append(finished(scrape, tenant)
                            - scrape.valueOrZero("twinbridge_ingest_records_applied_total", t)
                            - scrape.valueOrZero("twinbridge_ingest_records_stale_total", t))
                    .append(" merges ").append(scrape.valueOrZero("twinbridge_ditto_merges_sent_total", t))
                    .append(" paused ").append(scrape.valueOrZero("twinbridge_kafka_consumer_paused_partitions", t))
                    .append("; ");
        }
        scrape.samples.stream().filter(s -> s.labels().get("tenant") == null && (s.name().startsWith("twinbridge_ingest")
                || s.name().startsWith("twinbridge_kafka") || s.name().startsWith("twinbridge_ditto"))
                && !s.name().contains("_bucket")).forEach(s -> out.append(s.name()).append(s.labels().isEmpty() ? ""
                : s.labels().toString()).append(' ').append(s.value()).append("; "));
        return out.toString();
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
