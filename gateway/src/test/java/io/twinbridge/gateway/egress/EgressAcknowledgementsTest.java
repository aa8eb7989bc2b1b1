package io.twinbridge.gateway.egress;

import static io.twinbridge.gateway.egress.EgressTestKit.events;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.config.GatewayConfig;
import io.twinbridge.gateway.ditto.DittoPort;
import io.twinbridge.gateway.ditto.DittoPortFactory;
import io.twinbridge.gateway.egress.EgressTestKit.Event;
import io.twinbridge.gateway.ingest.IngestFactory;
import io.twinbridge.gateway.ingest.IngestService;
import io.twinbridge.gateway.testkit.KafkaTestCluster;
import io.twinbridge.gateway.testkit.TestTopics;
import io.twinbridge.gateway.testkit.SharedKafka;
import io.twinbridge.sandbox.ditto.DittoSandbox;
import io.twinbridge.sandbox.ditto.SandboxOptions;
import io.twinbridge.sandbox.fleet.AssetKind;
import io.twinbridge.sandbox.fleet.FleetOptions;
import io.twinbridge.sandbox.fleet.FleetSimulator;
import io.twinbridge.sandbox.fleet.SimRecord;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At-least-once with Ditto acknowledgements: ingest's merges request the egress label, and a telemetry record is
 * committed only once egress has its change on the twin-events topic.
 */
@Tag("flow")
class EgressAcknowledgementsTest {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void ingestCommitsNothingWhileEgressCannotWriteAndEverythingOnceItCan() throws Exception {
        KafkaTestCluster kafka = KAFKA.cluster();
        try (DittoSandbox sandbox = DittoSandbox.start(SandboxOptions.defaults().withPort(0))) {
            EgressTestKit.createTelemetryTopics(kafka, "acks");
            Map<String, String> env = EgressTestKit.env(kafka, "acks", sandbox.wsUrl(), sandbox.httpUrl());
            env.put("TWINBRIDGE_EGRESS_ACKS", "true");
            env.put("TWINBRIDGE_DITTO_REQUEST_TIMEOUT", "1s");
            env.put("TWINBRIDGE_INGEST_RETRY_MAX", "500ms");
            GatewayConfig config = GatewayConfig.fromEnv(env);
            GatedProducer[] producer = new GatedProducer[1];
            DittoPortFactory sessions = DittoPortFactory.webSocket(config.ditto());
            DittoPort ingestSession = sessions.open("ingest");
            ingestSession.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
            EgressService egress = new EgressService(EgressFactory.settings(config), IngestFactory.tenants(config),
                    EgressTestKit.MODELS, sessions, ingestSession, props -> {
                        producer[0] = new GatedProducer(props);
                        producer[0].close(true);
                        return producer[0];
                    });
            egress.start().get(30, TimeUnit.SECONDS);
            IngestService ingest = IngestFactory.create(config, EgressTestKit.MODELS, ingestSession);
            ingest.start();
            try {
                // given: Kafka takes nothing from egress
                List<SimRecord> telemetry = new FleetSimulator(FleetOptions.defaults().withTopicPrefix("acks")
                        .withDevicesPerKind(2).withKinds(EnumSet.of(AssetKind.HVAC))).stream().limit(30)
                        .collect(Collectors.toList());
                EgressTestKit.produce(kafka, telemetry);

                // then: Ditto has the changes, egress holds them, and ingest commits nothing
                await().atMost(WAIT).until(() -> ingest.stats().egressAckFailures() >= 2 && producer[0].held() > 0);
                assertEquals(0, committed(kafka, "g-acks"), "no offset committed while egress cannot publish");
                assertTrue(sandbox.store().things().size() >= 2);

                // when: Kafka is back for egress
                producer[0].open();

                // then: every record is committed, and every thing's latest revision is on its tenant's topic
                await().atMost(WAIT).until(() -> committed(kafka, "g-acks") == telemetry.size());
                Set<String> things = telemetry.stream().map(r -> r.tenant() + ":" + r.key())
                        .collect(Collectors.toSet());
                for (String thingId : things) {
                    long inDitto = sandbox.store().thing(ThingId.of(thingId)).orElseThrow().revision();
                    String tenant = thingId.substring(0, thingId.indexOf(':'));
                    await().atMost(WAIT).ignoreExceptions().until(() -> events(kafka, "acks.twin-events." + tenant)
                            .stream().filter(e -> e.key().equals(thingId)).mapToLong(Event::revision).max()
                            .orElse(0) == inDitto);
                }
                EgressFlowTest.assertRevisionsRise(events(kafka, "acks.twin-events.acme"));
            } finally {
                ingest.stop().get(30, TimeUnit.SECONDS);
                egress.stop(Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS);
                ingestSession.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long committed(KafkaTestCluster kafka, String group) throws Exception {
        return TestTopics.of(kafka).committed(group);
    }
}
