package io.twinbridge.gateway.egress;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twinbridge.gateway.codec.CodecKind;
import io.twinbridge.gateway.ditto.TwinEvent;
import io.twinbridge.gateway.mapping.DesiredPropertyCommands;
import io.twinbridge.gateway.mapping.EgressFormat;
import io.twinbridge.gateway.mapping.TwinRecords;
import io.twinbridge.gateway.tenant.TenantId;
import io.twinbridge.gateway.tenant.TenantSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One tenant's egress against a fake Ditto session and a mock producer: the buffer bound and the worker thread. */
class TenantEgressTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TenantSettings ACME = new TenantSettings(TenantId.of("acme"), "acme", CodecKind.AUTO,
            Optional.empty());

    private final FakeDittoPort ditto = new FakeDittoPort();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final EgressStats stats = new EgressStats(new SimpleMeterRegistry(), "acme");
    private TenantEgress egress;

    @AfterEach
    void stop() {
        if (egress != null) {
            egress.stop(Duration.ofSeconds(5)).toCompletableFuture().join();
        }
    }

    private TenantEgress start(int maxBuffered) {
        TwinRecords records = new TwinRecords(EgressTestKit.MODELS, EgressFormat.AVRO);
        TenantEgress.Parts parts = new TenantEgress.Parts(ditto, new RecordSender(producer), records,
                new DesiredCommands("acme", DesiredPropertyCommands.compile(EgressTestKit.MODELS), records, stats),
                new PositionStore(producer, "t.egress-state.acme"), Optional.empty(), maxBuffered, 100,
                Duration.ZERO, 1000, Duration.ofSeconds(10), stats);
        egress = new TenantEgress(ACME, ditto, "t.twin-events.acme", "t.commands.acme", parts);
        egress.start(Map.of()).toCompletableFuture().join();
        return egress;
    }

    private static TwinEvent desired(String thingId, long revision) {
        return new TwinEvent(thingId, "merged", JsonPointer.of("/features/climate/desiredProperties/target"),
                Optional.of(JsonFactory.readFrom("21")), revision, Optional.empty(), Optional.empty(), Set.of(), "{}");
    }

    /**
     * Issue 15.3: the record of an event is sent (its slot released in the send callback), then finding the
     * thing's model kind fails (Ditto does not answer): the slot must not be released a second time, and the
     * published event must not count as dropped.
     */
    @Test
    void aFailedCommandLookupReleasesTheEventsBufferSlotOnce() {
        start(10);

        ditto.listener().onEvent(desired("acme:h-1", 2));

        await().atMost(WAIT).until(() -> stats.eventsPublished.count() == 1);
        await().atMost(WAIT).until(() -> producer.history().stream().filter(r -> r.topic().equals("t.twin-events.acme")).count() == 1);
        assertEquals(0, egress.buffered(), "buffer slots in use");
        assertEquals(0, stats.eventsDropped.count(), "dropped events");
    }

    /** Issue 15.3: reading a thing from Ditto (its model kind) must not hold up the events of other things. */
    @Test
    void aSlowThingReadDoesNotHoldUpOtherThingsEvents() {
        ditto.states = id -> new CompletableFuture<>();
        start(10);

        ditto.listener().onEvent(desired("acme:h-1", 2));
        ditto.listener().onEvent(desired("acme:h-2", 2));

        await().atMost(Duration.ofSeconds(5)).until(() -> stats.eventsPublished.count() == 2);
    }

    /**
     * A reported value that reaches the pending desired one clears it by a merge at the feature's desired
     * properties, never at the thing's root: Ditto 3.9 turns a root merge of a thing deleted meanwhile into a create
     * with a default policy (ModifyToCreateThingTransformer), a merge at a path of a missing thing is answered 404.
     */
    @Test
    void anAppliedDesiredValueIsClearedByAMergeBelowTheThingsRoot() {
        start(10);

        ditto.listener().onEvent(desired("acme:h-1", 2));
        ditto.listener().onEvent(new TwinEvent("acme:h-1", "merged",
                JsonPointer.of("/features/climate/properties/target"), Optional.of(JsonFactory.readFrom("21")), 3,
                Optional.empty(), Optional.empty(), Set.of(), "{}"));

        await().atMost(WAIT).until(() -> !ditto.merges.isEmpty());
        assertEquals(List.of("acme:h-1 /features/climate/desiredProperties {\"target\":null}"), ditto.merges);
    }

    /** Issue 15.3: a deleted thing leaves no revision and no facts behind, and the facts are bounded (here 100). */
    @Test
    void deletedThingsAreForgottenAndFactsStayBounded() {
        start(1000);

        for (int i = 0; i < 150; i++) {
            ditto.listener().onEvent(created("acme:h-" + i, 1));
        }
        for (int i = 0; i < 150; i++) {
            ditto.listener().onEvent(new TwinEvent("acme:h-" + i, "deleted", JsonPointer.empty(), Optional.empty(),
                    2, Optional.empty(), Optional.empty(), Set.of(), "{}"));
        }
        ditto.listener().onEvent(created("acme:kept", 1));

        await().atMost(WAIT).until(() -> stats.eventsPublished.count() == 301);
        assertEquals(List.of(1, 1), Arrays.stream(egress.tracked().join()).boxed().toList());
    }

    @Test
    void factsAreBoundedByTheirMaximum() {
        start(1000);

        for (int i = 0; i < 150; i++) {
            ditto.listener().onEvent(created("acme:h-" + i, 1));
        }

        await().atMost(WAIT).until(() -> stats.eventsPublished.count() == 150);
        assertEquals(List.of(150, 100), Arrays.stream(egress.tracked().join()).boxed().toList());
    }

    private static TwinEvent created(String thingId, long revision) {
        return new TwinEvent(thingId, "created", JsonPointer.empty(), Optional.of(JsonFactory.readFrom(
                "{\"thingId\":\"" + thingId + "\",\"attributes\":{\"model\":\"hvac\"}}")), revision,
                Optional.empty(), Optional.empty(), Set.of(), "{}");
    }

    /**
     * A revision gap (events lost): the thing's state, read back, is published as a resync record that covers the
     * lost revisions, before the events held meanwhile, which it covers too. Without it the lost revisions would
     * stay uncovered whenever events catch up before the read-back answers.
     */
    @Test
    void aGapIsCoveredByTheThingsStateBeforeTheEventsThatFollow() {
        CompletableFuture<Optional<JsonObject>> state = new CompletableFuture<>();
        ditto.states = id -> state;
        start(10);

        ditto.listener().onEvent(created("acme:g-1", 1));
        ditto.listener().onEvent(created("acme:g-1", 5));
        ditto.listener().onEvent(created("acme:g-1", 6));
        await().atMost(WAIT).until(() -> stats.eventsPublished.count() == 1);
        state.complete(Optional.of(JsonFactory.newObject("{\"thingId\":\"acme:g-1\",\"attributes\":{\"model\":"
                + "\"hvac\"},\"_revision\":6,\"_modified\":\"2026-01-01T00:00:00Z\"}")));

        await().atMost(WAIT).until(() -> stats.resyncsPublished.count() == 1);
        await().atMost(WAIT).until(() -> egress.buffered() == 0);
        List<String> records = producer.history().stream().filter(r -> r.topic().equals("t.twin-events.acme"))
                .map(r -> (r.headers().lastHeader("twinbridge-resync") != null ? "resync " : "event ")
                        + EgressTestKit.event(new org.apache.kafka.clients.consumer.ConsumerRecord<>(r.topic(), 0, 0,
                        r.key(), r.value())).revision()).toList();
        assertEquals(List.of("event 1", "resync 6"), records);
    }
}
