package io.twinbridge.gateway.tenant;

import io.twinbridge.gateway.tenant.document.TenantTopics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twinbridge.gateway.codec.CodecKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {
    private static final TenantSettings ACME = settings("acme", "acme");
    private static final TenantSettings GLOBEX = settings("globex", "globex");

    private final List<TenantChange> seen = new CopyOnWriteArrayList<>();
    private final TenantDirectory directory = new TenantDirectory(List.of(ACME));

    private static TenantSettings settings(String id, String namespace) {
        return new TenantSettings(TenantId.of(id), namespace, CodecKind.AUTO, Optional.of(id + ":tenant-policy"));
    }

    private CompletableFuture<Void> record(TenantChange change) {
        seen.add(change);
        return CompletableFuture.completedFuture(null);
    }

    @Test
    void eachChangeIsComputedOnceAsAddedRemovedOrChanged() throws Exception {
        directory.listen(this::record);
        TenantSettings acmeMoved = settings("acme", "acme.plant");

        directory.put(GLOBEX).toCompletableFuture().get(5, TimeUnit.SECONDS);
        directory.put(acmeMoved).toCompletableFuture().get(5, TimeUnit.SECONDS);
        directory.put(acmeMoved).toCompletableFuture().get(5, TimeUnit.SECONDS);
        directory.remove(TenantId.of("globex")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        directory.remove(TenantId.of("globex")).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals(List.of(
                new TenantChange(List.of(GLOBEX), List.of(), List.of()),
                new TenantChange(List.of(), List.of(), List.of(acmeMoved)),
                new TenantChange(List.of(), List.of(GLOBEX), List.of())), seen,
                "putting the same settings again or removing an absent tenant changes nothing");
        assertEquals(List.of(acmeMoved), List.copyOf(directory.all()));
    }

    @Test
    void listenersRunInRegistrationOrderEachAfterThePreviousOneCompleted() throws Exception {
        CompletableFuture<Void> egressClosed = new CompletableFuture<>();
        List<String> calls = new CopyOnWriteArrayList<>();
        directory.listen(change -> {
            calls.add("egress");
            return egressClosed;
        });
        directory.listen(change -> {
            calls.add("sessions");
            return CompletableFuture.completedFuture(null);
        });

        CompletableFuture<Void> done = directory.remove(TenantId.of("acme")).toCompletableFuture();
        assertEquals(List.of("egress"), calls, "the sessions wait until egress closed its sessions");
        egressClosed.complete(null);
        done.get(5, TimeUnit.SECONDS);

        assertEquals(List.of("egress", "sessions"), calls);
    }

    @Test
    void aFailingListenerDoesNotKeepTheNextFromTheChange() throws Exception {
        directory.listen(change -> {
            throw new IllegalStateException("broken follower");
        });
        directory.listen(change -> CompletableFuture.failedFuture(new IllegalStateException("failed follower")));
        directory.listen(this::record);

        directory.put(GLOBEX).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals(1, seen.size());
        assertTrue(seen.get(0).added().contains(GLOBEX));
    }

    @Test
    void theTenantOfATopicFollowsEveryChange() throws Exception {
        TopicNames names = new TopicNames("twinbridge");
        String acmeTopic = names.telemetry(TenantId.of("acme"));
        assertEquals(Optional.of(ACME), directory.ofTelemetryTopic(acmeTopic, names));
        assertEquals(Optional.empty(), directory.ofTelemetryTopic(names.telemetry(TenantId.of("globex")), names));

        directory.put(GLOBEX).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Optional.of(GLOBEX), directory.ofTelemetryTopic(names.telemetry(TenantId.of("globex")), names));

        TenantSettings acmeOwnTopic = new TenantSettings(ACME.id(), "acme", CodecKind.AUTO, ACME.policyId(),
                new TenantTopics(Optional.of("plant-a.sensors"), Optional.empty(), Optional.empty(),
                        Optional.empty()), Optional.empty(), List.of());
        directory.put(acmeOwnTopic).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Optional.of(acmeOwnTopic), directory.ofTelemetryTopic("plant-a.sensors", names));
        assertEquals(Optional.empty(), directory.ofTelemetryTopic(acmeTopic, names), "the old topic is no acme's");

        directory.remove(TenantId.of("globex")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), directory.ofTelemetryTopic(names.telemetry(TenantId.of("globex")), names));
        assertEquals(Optional.of(acmeOwnTopic), directory.ofTelemetryTopic("plant-a.sensors",
                new TopicNames("other")), "another set of names gets its own answer");
    }
}
