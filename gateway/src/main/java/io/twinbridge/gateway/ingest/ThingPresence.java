package io.twinbridge.gateway.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.things.model.ThingId;

/**
 * What the writer learnt about which twins exist: the things it saw exist, and how often a thing it had not seen
 * turned out to be new. While most unseen things are new (a fleet being onboarded, a gateway's first run) a write to
 * an unseen thing starts with the create, which carries the update: one command instead of a merge answered 404 and
 * then the create. While most unseen things exist (a gateway restarted on a running fleet) it starts with the merge,
 * as always. A wrong guess costs one command: a create answered 409 goes on as the conditional merge, a merge answered
 * 404 goes on as the create.
 *
 * <p>The share of new things among the unseen is a running average over their first answers, each weighing
 * {@value #WEIGHT}: from "all exist", about 14 new things in a row make creates go first, and as many existing ones
 * make merges go first again. Thread-safe: the writer's answers arrive on the Ditto client's threads.
 */
final class ThingPresence {
    static final double WEIGHT = 0.05;

    private final int maxKnown;
    private final Set<ThingId> known = ConcurrentHashMap.newKeySet();
    private volatile double newShare;

    /** @param maxKnown things remembered as existing; past it the memory starts afresh, costing only guesses */
    ThingPresence(int maxKnown) {
        this.maxKnown = maxKnown;
    }

    boolean isKnown(ThingId thingId) {
        return known.contains(thingId);
    }

    /** Whether most unseen things turned out new lately: a write to an unseen thing then starts with the create. */
    boolean mostUnseenAreNew() {
        return newShare > 0.5;
    }

    /** The first answer about a thing that was not known when its write started: it was new, or it existed. */
    synchronized void learnt(boolean wasNew) {
        newShare += WEIGHT * ((wasNew ? 1 : 0) - newShare);
    }

    /** The thing exists now (created, merged, or another writer's create came first). */
    void exists(ThingId thingId) {
        if (known.size() >= maxKnown) {
            known.clear();
        }
        known.add(thingId);
    }
}
