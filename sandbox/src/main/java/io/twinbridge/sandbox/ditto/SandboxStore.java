package io.twinbridge.sandbox.ditto;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The sandbox state: things, policies and their revisions, in memory only.
 * <p>
 * All methods synchronise on this store; callers that read, check and write in one step hold the same monitor
 * ({@code synchronized (store)}) so that per-thing revisions stay strictly increasing. A store outlives a
 * {@link DittoSandbox}: restarting a sandbox with the same store simulates an outage without data loss.
 */
public final class SandboxStore {

    private final Map<ThingId, ThingRecord> things = new LinkedHashMap<>();
    private final Map<ThingId, Long> lastThingRevisions = new HashMap<>();
    private final Map<PolicyId, PolicyRecord> policies = new LinkedHashMap<>();
    private final Map<PolicyId, Long> lastPolicyRevisions = new HashMap<>();

    private SandboxStore() {
    }

    public static SandboxStore inMemory() {
        return new SandboxStore();
    }

    /** A stored thing: its JSON (without the inline policy), revision and timestamps. */
    public record ThingRecord(ThingId id, JsonObject json, long revision, Instant created, Instant modified) {
    }

    /** A stored policy: its JSON and revision. */
    public record PolicyRecord(PolicyId id, JsonObject json, long revision, Instant created, Instant modified) {
    }

    public synchronized Optional<ThingRecord> thing(final ThingId id) {
        return Optional.ofNullable(things.get(id));
    }

    public synchronized List<ThingRecord> things() {
        return new ArrayList<>(things.values());
    }

    /** Revision the next change of this thing gets; continues after a deletion, as Ditto's journal does. */
    public synchronized long nextThingRevision(final ThingId id) {
        return lastThingRevisions.getOrDefault(id, 0L) + 1;
    }

    public synchronized void putThing(final ThingRecord thing) {
        things.put(thing.id(), thing);
        lastThingRevisions.put(thing.id(), thing.revision());
    }

    /** Removes a thing and records the revision of its deletion. */
    public synchronized void removeThing(final ThingId id, final long deletionRevision) {
        things.remove(id);
        lastThingRevisions.put(id, deletionRevision);
    }

    public synchronized Optional<PolicyRecord> policy(final PolicyId id) {
        return Optional.ofNullable(policies.get(id));
    }

    public synchronized long nextPolicyRevision(final PolicyId id) {
        return lastPolicyRevisions.getOrDefault(id, 0L) + 1;
    }

    public synchronized void putPolicy(final PolicyRecord policy) {
        policies.put(policy.id(), policy);
        lastPolicyRevisions.put(policy.id(), policy.revision());
    }

    public synchronized void removePolicy(final PolicyId id) {
        policies.remove(id);
    }
}
