package io.choreo.runtime.role;

import io.choreo.projection.local.LocalType;
import io.choreo.runtime.engine.PayloadClasses;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionProtocol;
import io.choreo.runtime.session.TraceEvent;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sending side of a participant: asks the handler for the payload, checks it against the declared type
 * ({@code PayloadTypeMismatch}), numbers the message per receiver, sends the envelope, and keeps the
 * participant's journal facts for {@code journal_merge}. Counts the sends the session does not trace.
 */
final class Outbox {
    private final RoleActor.Setup setup;
    private final String me;
    private final PayloadClasses payloadClasses;
    private final boolean traced;
    private Map<String, long[]> seq;
    private Set<String> facts;
    private final Peers.Link link;
    private long untraced;

    Outbox(RoleActor.Setup setup, PayloadClasses payloadClasses, Peers.Link link) {
        this.link = link;
        this.setup = setup;
        this.me = setup.participant().name();
        this.payloadClasses = payloadClasses;
        this.traced = setup.options().traced();
    }

    /** Sends that were not reported to the session's trace. */
    long untraced() {
        return untraced;
    }

    /** An unannotated send with no custom extensions: payload (from {@code payloads}), check, send. */
    void sendPlain(LocalType.Send node, String to, RoleHandler payloads) throws RoleFailure {
        Object payload = null;
        if (!node.implicit()) {
            try {
                payload = payloads.payload(SendPipeline.sendContext(setup, node, to));
            } catch (Throwable t) {
                throw new RoleFailure(HandlerCalls.failure(me, "payload for " + node.label(), t));
            }
            SendPipeline.checkPayload(payloadClasses, me, node, payload);
        }
        deliver(node, to, payload, Set.of(), 0, List.of());
    }

    /** Completes an annotated send whose charge was granted; returns the journal facts still to record. */
    List<String> send(SendPipeline.Authorized auth, FlowBudget.Charge charge, RoleHandler payloads)
            throws RoleFailure {
        LocalType.Send node = auth.node();
        SendPipeline.Cleared cleared = SendPipeline.complete(auth, charge, me, payloads, setup.extensions(),
                payloadClasses);
        List<String> recorded = node.annotations().journalFacts();
        Set<String> merged = Set.of();
        if (node.annotations().journalMerge()) {
            Set<String> all = new LinkedHashSet<>(facts == null ? Set.of() : facts);
            all.addAll(recorded);
            merged = all;
        }
        deliver(node, cleared.context().to(), cleared.payload(), merged, cleared.cost(), recorded);
        SendPipeline.sent(cleared, setup.extensions());
        merged(recorded);
        return recorded;
    }

    /** Facts that became the participant's (recorded by it, or merged from a peer). */
    void merged(java.util.Collection<String> more) {
        if (!more.isEmpty()) {
            if (facts == null) {
                facts = new LinkedHashSet<>();
            }
            facts.addAll(more);
        }
    }

    private void deliver(LocalType.Send node, String to, Object payload, Set<String> merged, long cost,
                         List<String> recorded) {
        if (seq == null) {
            seq = new HashMap<>(4);
        }
        long[] counter = seq.computeIfAbsent(to, k -> new long[1]);
        if (traced) {
            trace(setup, node, to, cost, recorded);
        } else {
            untraced++;
        }
        link.tell(to, new RoleActor.Envelope(setup.sessionId(), me, to, node.label(), ++counter[0], payload, merged,
                node.implicit()));
    }

    /** Reports a send to the session when the session keeps a trace. */
    private static void trace(RoleActor.Setup setup, LocalType.Send node, String to, long cost, List<String> facts) {
        setup.session().tell(new SessionProtocol.Traced(new TraceEvent(setup.participant().name(), to, node.label(),
                node.implicit(), cost, facts)));
    }
}
