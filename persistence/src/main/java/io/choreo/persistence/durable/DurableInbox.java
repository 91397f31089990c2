package io.choreo.persistence.durable;

import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.role.RoleActor;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Messages a durable participant received before their turn, per sender in sequence-number order. */
final class DurableInbox {
    private final Map<String, TreeMap<Long, RoleActor.Envelope>> early = new HashMap<>();

    /** How a message arrives: already consumed, due now, or early (to be held). */
    enum Arrival { DUPLICATE, DUE, EARLY }

    /** Whether {@code env} is a duplicate, due at {@code progress}, or early. */
    Arrival arrival(RoleProgress progress, RoleMachine machine, RoleActor.Envelope env) {
        long expected = progress.receivedSeq().getOrDefault(env.from(), 0L) + 1;
        if (env.seq() < expected) {
            return Arrival.DUPLICATE;
        }
        int at = progress.position().state();
        return env.seq() == expected && !holdsBefore(env.from(), env.seq())
                && machine.kind(at) == RoleMachine.Kind.RECEIVE && machine.acceptsFrom(at, env.from())
                ? Arrival.DUE : Arrival.EARLY;
    }

    /**
     * True when a message from {@code from} before {@code seq} waits already (this one must wait behind it). A later
     * one held does not: a redelivery may bring a sender's messages out of order (its next one held early, then the
     * one due), and the one due must not wait behind its successor.
     */
    private boolean holdsBefore(String from, long seq) {
        TreeMap<Long, RoleActor.Envelope> q = early.get(from);
        return q != null && !q.isEmpty() && q.firstKey() < seq;
    }

    /** Holds {@code env} for later; false when its sender has {@link RoleActor#MAX_EARLY} waiting already. */
    boolean hold(RoleActor.Envelope env) {
        TreeMap<Long, RoleActor.Envelope> q = early.computeIfAbsent(env.from(), k -> new TreeMap<>());
        if (q.size() >= RoleActor.MAX_EARLY) {
            return false;
        }
        q.put(env.seq(), env);
        return true;
    }

    /** The held message that is due at {@code progress} (dropping duplicates already consumed), or null. */
    RoleActor.Envelope takeDue(RoleProgress progress, RoleMachine machine) {
        int at = progress.position().state();
        for (Map.Entry<String, TreeMap<Long, RoleActor.Envelope>> e : early.entrySet()) {
            TreeMap<Long, RoleActor.Envelope> queued = e.getValue();
            long expected = progress.receivedSeq().getOrDefault(e.getKey(), 0L) + 1;
            queued.headMap(expected, false).clear();
            if (!queued.isEmpty() && queued.firstKey() == expected && machine.acceptsFrom(at, e.getKey())) {
                return queued.pollFirstEntry().getValue();
            }
        }
        return null;
    }

    boolean isEmpty() {
        return early.values().stream().allMatch(TreeMap::isEmpty);
    }
}
