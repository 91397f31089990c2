package io.choreo.runtime.role;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Messages that arrived before their turn, FIFO per sender (created on first use: most sessions need none). */
final class EarlyMessages {
    private Map<String, ArrayDeque<RoleActor.Envelope>> bySender;

    /** True when something from {@code from} waits (a later message must wait behind it). */
    boolean holds(String from) {
        if (bySender == null) {
            return false;
        }
        ArrayDeque<RoleActor.Envelope> q = bySender.get(from);
        return q != null && !q.isEmpty();
    }

    /** Queues {@code env}; false when its sender has {@link RoleActor#MAX_EARLY} waiting already. */
    boolean add(RoleActor.Envelope env) {
        if (bySender == null) {
            bySender = new HashMap<>(4);
        }
        ArrayDeque<RoleActor.Envelope> q = bySender.computeIfAbsent(env.from(), k -> new ArrayDeque<>());
        if (q.size() >= RoleActor.MAX_EARLY) {
            return false;
        }
        q.add(env);
        return true;
    }

    /** Senders with messages waiting. */
    Set<String> senders() {
        if (bySender == null) {
            return Set.of();
        }
        Set<String> out = new java.util.LinkedHashSet<>();
        bySender.forEach((from, q) -> {
            if (!q.isEmpty()) {
                out.add(from);
            }
        });
        return out;
    }

    /** The oldest waiting message of {@code from}. */
    RoleActor.Envelope take(String from) {
        return bySender.get(from).poll();
    }

    boolean isEmpty() {
        return senders().isEmpty();
    }

    String describe() {
        List<String> out = new ArrayList<>();
        if (bySender != null) {
            bySender.forEach((from, q) -> q.forEach(env -> out.add(from + "?" + env.label())));
        }
        return String.join(", ", out);
    }
}
