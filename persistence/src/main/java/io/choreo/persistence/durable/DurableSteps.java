package io.choreo.persistence.durable;

import io.choreo.projection.local.LocalType;
import io.choreo.runtime.engine.PayloadClasses;
import io.choreo.runtime.engine.Position;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.extension.FlowBudget;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.role.DeadlineTimer;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import io.choreo.runtime.role.SendPipeline;
import io.choreo.runtime.session.SessionError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps a {@link DurableRole} takes into a {@link StepBatch}: decisions, sends (with their extensions' checks and
 * facts), receives, deadlines. Each adds its events to the batch and what to do once they are written; none writes
 * or delivers anything itself. A step that must wait (for a message, a handler's answer, the flow budget) returns
 * false, and the batch ends there.
 */
final class DurableSteps {
    private final RoleActor.Setup setup;
    private final String me;
    private final RoleMachine machine;
    private final PayloadClasses payloadClasses;
    private final HandlerSteps handler;
    private final DurableOutbox outbox;
    private final DurableInbox early;
    private final DeadlineTimer deadline;
    /** The session's participants, known once the session has told them (empty until then). */
    private Set<String> peers = Set.of();

    DurableSteps(RoleActor.Setup setup, RoleMachine machine, PayloadClasses payloadClasses, HandlerSteps handler,
                 DurableOutbox outbox, DurableInbox early, DeadlineTimer deadline) {
        this.setup = setup;
        this.me = setup.participant().name();
        this.machine = machine;
        this.payloadClasses = payloadClasses;
        this.handler = handler;
        this.outbox = outbox;
        this.early = early;
        this.deadline = deadline;
    }

    Set<String> peers() {
        return peers;
    }

    void peers(java.util.Collection<String> names) {
        peers = Set.copyOf(names);
    }

    /** One step from the batch's position; false when the participant must wait (or is at its end). */
    boolean step(StepBatch batch) throws RoleFailure {
        RoleProgress state = batch.progress();
        Position p = state.position();
        switch (machine.kind(p.state())) {
            case CHOOSE -> {
                return handler.decision(batch, machine, p, this::decided);
            }
            case END -> {
                return false;
            }
            case SEND -> {
                return send(batch, machine.send(p.state()));
            }
            default -> {
                if (state.needsDeadline(machine)) {
                    Duration d = DeadlineTimer.duration(machine, p.state(), setup.handler(), setup.sessionId(), me);
                    RoleEvent.DeadlineSet set = new RoleEvent.DeadlineSet(deadline.now() + d.toMillis(), d.toMillis());
                    batch.add(List.of(set), () -> deadline.armAt(set.dueAtMillis(), d));
                    return true;
                }
                RoleActor.Envelope due = early.takeDue(state, machine);
                return due != null && consume(batch, due);
            }
        }
    }

    /**
     * Adds the receive of {@code env} (told to the handler at once, so the reaction can use it) and its
     * acknowledgement once written; false when a parallel block must hold it for later.
     */
    boolean consume(StepBatch batch, RoleActor.Envelope env) throws RoleFailure {
        RoleProgress state = batch.progress();
        int at = state.position().state();
        if (machine.receiveIndex(at, env.from(), env.label()) < 0) {
            if (machine.isParallel(at)) {
                early.hold(env);
                return false;
            }
            throw new RoleFailure(violation("expected " + machine.expectedFrom(at, env.from()) + " but received "
                    + env.from() + "?" + env.label()));
        }
        RoleEvent.Received received = new RoleEvent.Received(env.from(), me, env.label(), env.seq(), env.payload(),
                env.implicit());
        if (!machine.continuesWait(at, machine.receiveIndex(at, env.from(), env.label()))) {
            deadline.cancel();
        }
        batch.add(state.withNewFacts(received, env.mergedFacts(), setup.sessionId(), me), () -> {
            if (!batch.sendsTo(env.from())) {
                outbox.ack(env);   // else the answer acknowledges it
            }
        });
        return handler.received(received);
    }

    /** A protocol violation by this participant. */
    SessionError violation(String detail) {
        return new SessionError.ProtocolViolation(me, detail);
    }

    /** Sends {@code node}'s message; false when it waits for an asynchronous payload or the flow budget. */
    private boolean send(StepBatch batch, LocalType.Send node) throws RoleFailure {
        String to = node.peer().toString();
        if (!peers.contains(to)) {
            throw new RoleFailure(violation("has no participant '" + to + "' to send " + node.label() + " to"));
        }
        return handler.payload(batch, node, (next, payloads) -> send(next, node, (RoleHandler) payloads));
    }

    /** Adds the send when its flow cost is charged at once; otherwise asks the budget and waits (false). */
    private boolean send(StepBatch batch, LocalType.Send node, RoleHandler payloads) throws RoleFailure {
        SendPipeline.Authorized auth = SendPipeline.authorize(node, setup.sessionId(), me, setup.participant().role(),
                setup.extensions());
        Optional<FlowBudget.Charge> now = SendPipeline.chargeNow(auth);
        if (now.isEmpty()) {
            return handler.await("the flow budget to charge " + auth.cost() + " for " + node.label(), "flow budget",
                    auth.charge(), error -> SendPipeline.chargeFailed(auth, me, error), (next, charge) -> {
                        commitSend(next, auth, (FlowBudget.Charge) charge, payloads);
                        return true;
                    });
        }
        commitSend(batch, auth, now.get(), payloads);
        return true;
    }

    /** Adds the send with its facts to the batch; it is delivered (and redelivered until acked) once written. */
    private void commitSend(StepBatch batch, SendPipeline.Authorized auth, FlowBudget.Charge charge,
                            RoleHandler payloads) throws RoleFailure {
        SendPipeline.Cleared cleared = SendPipeline.complete(auth, charge, me, payloads, setup.extensions(),
                payloadClasses);
        List<RoleEvent> events = batch.progress().sendEvents(me, auth.node(), cleared, setup.sessionId());
        batch.add(events, () -> {
            outbox.written((RoleEvent.Sent) events.get(0), batch.progress());
            SendPipeline.sent(cleared, setup.extensions());
        });
    }

    private boolean decided(StepBatch batch, Object label) {
        batch.add(List.of(new RoleEvent.Decided(me, (String) label)), null);
        return true;
    }
}
