package io.choreo.runtime.role;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.choreo.runtime.engine.RoleMachine;

/** Messages that arrived before their turn, FIFO per sender (created on first use: most sessions need none). */
final class EarlyMessages {
    private Map<String, ArrayDeque<RoleActor.Envelope>> bySender;
    /** Early messages are consumed in a loop, not by recursion: set while one runs, and when it must look again. */
    private boolean draining;
    private boolean drainAgain;

    /** The participant the messages are for: where it waits, and how it takes a message (its next behaviour). */
    interface Participant<B> {
        int waitingAt();

        B consume(RoleActor.Envelope env);
    }

    /**
     * Consumes the messages due where the participant waits one by one while the participant stays {@code waiting} there (a
     * consumed one may move it on: then the new state is looked at from the drain below, not by recursion).
     */
    <B> B drain(RoleMachine machine, Participant<B> participant, B waiting) {
        if (draining) {
            drainAgain = true;   // the drain below this frame looks at the early messages again, from the new state
            return waiting;
        }
        draining = true;
        try {
            B next = waiting;
            do {
                drainAgain = false;
                RoleActor.Envelope due = due(machine, participant.waitingAt());
                if (due == null) {
                    return next;
                }
                next = participant.consume(due);
            } while (drainAgain && next == waiting);
            return next;
        } finally {
            draining = false;
        }
    }

    /** An early message that is due at {@code state}, taken from the buffer; null if none is. */
    private RoleActor.Envelope due(RoleMachine machine, int state) {
        if (bySender == null) {
            return null;
        }
        for (String from : senders()) {
            if (machine.acceptsFrom(state, from)) {
                return take(from);
            }
        }
        return null;
    }

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
