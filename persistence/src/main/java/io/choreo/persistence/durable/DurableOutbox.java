package io.choreo.persistence.durable;

import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.TraceEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A durable participant's sent messages until their receivers acknowledge them: each is delivered once written,
 * and again on the redelivery timer and after recovery, until acknowledged. Acknowledgements travel on answers
 * ({@link RoleActor.Envelope#acked}) or, when nothing goes back, as an {@link RoleActor.Ack}.
 */
final class DurableOutbox {
    private final RoleActor.Setup setup;
    private final String sessionId;
    private final String me;
    private final Map<String, TreeMap<Long, RoleEvent.Sent>> unacked = new HashMap<>();
    private Peers.Link link = (participant, command) -> { };
    private long untraced;

    DurableOutbox(RoleActor.Setup setup) {
        this.setup = setup;
        this.sessionId = setup.sessionId();
        this.me = setup.participant().name();
    }

    /** Where the peers are (given by the session's start). */
    void bind(Peers.Link peers) {
        this.link = peers;
    }

    /** After recovery every message sent so far counts as unacknowledged; receivers drop duplicates. */
    void recovered(RoleProgress state) {
        unacked.clear();
        for (RoleEvent.Sent s : state.sent()) {
            unacked.computeIfAbsent(s.to(), k -> new TreeMap<>()).put(s.seq(), s);
        }
    }

    /** A send that is written: report it to the trace (if kept), keep it until acknowledged, and deliver it. */
    void written(RoleEvent.Sent sent, RoleProgress progress) {
        if (setup.options().traced()) {
            setup.session().tell(new SessionActor.Traced(new TraceEvent(me, sent.to(), sent.label(),
                    sent.implicit(), sent.cost(), sent.facts())));
        } else {
            untraced++;
        }
        unacked.computeIfAbsent(sent.to(), k -> new TreeMap<>()).put(sent.seq(), sent);
        deliver(sent, progress);
    }

    /** Delivers every unacknowledged message again. */
    void redeliver(RoleProgress state) {
        unacked.values().forEach(pending -> pending.values().forEach(sent -> deliver(sent, state)));
    }

    /** {@code peer} has consumed (and written) every message up to {@code seq}: no more redelivery of them. */
    void acknowledged(String peer, long seq) {
        TreeMap<Long, RoleEvent.Sent> pending = seq > 0 ? unacked.get(peer) : null;
        if (pending != null) {
            pending.headMap(seq, true).clear();
        }
    }

    /** Acknowledges {@code env} on its own (nothing goes back to its sender now). */
    void ack(RoleActor.Envelope env) {
        link.tell(env.from(), new RoleActor.Ack(me, env.seq()));
    }

    /** Sends not reported to the trace. */
    long untraced() {
        return untraced;
    }

    long pending() {
        return unacked.values().stream().mapToLong(TreeMap::size).sum();
    }

    /** Sends {@code sent}, acknowledging every message {@code progress} consumed from its receiver. */
    private void deliver(RoleEvent.Sent sent, RoleProgress progress) {
        link.tell(sent.to(), new RoleActor.Envelope(sessionId, me, sent.to(), sent.label(), sent.seq(),
                sent.payload(), sent.mergedFacts(), sent.implicit(),
                progress.receivedSeq().getOrDefault(sent.to(), 0L)));
    }
}
