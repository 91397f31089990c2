package io.choreo.persistence.durable;

import io.choreo.runtime.engine.Engine;
import io.choreo.runtime.engine.Position;
import io.choreo.runtime.engine.RoleMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a durable participant is: its machine position and what it sent, received and recorded. Applying its
 * {@link RoleEvent}s runs the same {@link Engine} steps as the live participant, so replay lands on the same position.
 */
public record RoleProgress(Position position, Map<String, Long> sentSeq, Map<String, Long> receivedSeq,
                           List<RoleEvent.Sent> sent, List<RoleEvent.Received> received, Set<String> facts,
                           RoleEvent.DeadlineSet deadline) {

    RoleProgress(Position position, Map<String, Long> sentSeq, Map<String, Long> receivedSeq,
                 List<RoleEvent.Sent> sent, List<RoleEvent.Received> received, Set<String> facts) {
        this(position, sentSeq, receivedSeq, sent, received, facts, null);
    }

    static RoleProgress start(RoleMachine machine) {
        return new RoleProgress(Engine.start(machine), Map.of(), Map.of(), AppendOnlyLog.empty(),
                AppendOnlyLog.empty(), Set.of());
    }

    /** True when the participant waits at a timed choice whose deadline is not yet recorded. */
    boolean needsDeadline(RoleMachine machine) {
        return deadline == null && machine.kind(position.state()) == RoleMachine.Kind.RECEIVE
                && machine.deadline(position.state()) != null;
    }

    /** The progress after {@code event}. */
    RoleProgress apply(RoleMachine machine, RoleEvent event) {
        if (event instanceof RoleEvent.Steps steps) {
            RoleProgress progress = this;
            for (RoleEvent step : steps.steps()) {
                progress = progress.apply(machine, step);
            }
            return progress;
        } else if (event instanceof RoleEvent.Decided d) {
            return new RoleProgress(Engine.chose(machine, position, machine.branch(position.state(), d.label())),
                    sentSeq, receivedSeq, sent, received, facts, deadline);
        } else if (event instanceof RoleEvent.DeadlineSet d) {
            return new RoleProgress(position, sentSeq, receivedSeq, sent, received, facts, d);
        } else if (event instanceof RoleEvent.TimedOut) {
            return new RoleProgress(Engine.timedOut(machine, position), sentSeq, receivedSeq, sent, received, facts);
        } else if (event instanceof RoleEvent.Sent e) {
            return new RoleProgress(Engine.sent(machine, position), with(sentSeq, e.to(), e.seq()), receivedSeq,
                    append(sent, e), received, facts, deadline);
        } else if (event instanceof RoleEvent.Received e) {
            int entry = machine.receiveIndex(position.state(), e.from(), e.label());
            if (entry < 0) {
                throw new IllegalStateException("no receive " + e.from() + "?" + e.label() + " possible here");
            }
            return new RoleProgress(Engine.received(machine, position, entry), sentSeq,
                    with(receivedSeq, e.from(), e.seq()), sent, append(received, e), facts,
                    machine.continuesWait(position.state(), entry) ? deadline : null);
        } else if (event instanceof RoleEvent.Failed) {
            return this;
        }
        Set<String> more = new LinkedHashSet<>(facts);
        more.add(((RoleEvent.Fact) event).fact().fact());
        return new RoleProgress(position, sentSeq, receivedSeq, sent, received, more, deadline);
    }

    /** The events of sending {@code node} (cleared by the send pipeline) from here: the send and its new facts. */
    List<RoleEvent> sendEvents(String me, io.choreo.projection.local.LocalType.Send node,
                               io.choreo.runtime.role.SendPipeline.Cleared cleared, String sessionId) {
        String to = node.peer().toString();
        List<String> recorded = node.annotations().journalFacts();
        Set<String> merged = Set.of();
        if (node.annotations().journalMerge()) {
            Set<String> all = new LinkedHashSet<>(facts);
            all.addAll(recorded);
            merged = all;
        }
        RoleEvent.Sent sent = new RoleEvent.Sent(me, to, node.label(), sentSeq.getOrDefault(to, 0L) + 1,
                cleared.payload(), merged, node.implicit(), cleared.cost(), recorded);
        return withNewFacts(sent, recorded, sessionId, me);
    }

    /** {@code event} followed by the facts of {@code facts} that are new to the participant, for one write. */
    List<RoleEvent> withNewFacts(RoleEvent event, java.util.Collection<String> more, String sessionId,
                                 String participant) {
        List<RoleEvent> events = new ArrayList<>();
        events.add(event);
        if (more != null) {
            more.stream().filter(f -> !facts.contains(f)).forEach(f -> events.add(new RoleEvent.Fact(
                    new io.choreo.persistence.journal.FactRecorded(sessionId, participant, f))));
        }
        return events;
    }

    /** What the participant does at its position, for a session that timed out. */
    String doing(RoleMachine machine) {
        int at = position.state();
        return switch (machine.kind(at)) {
            case END -> "has finished";
            case RECEIVE -> "is waiting for " + machine.waitingFor(at);
            case SEND -> "is about to send " + machine.sendTo(at) + "!" + machine.send(at).label();
            default -> "is about to decide the choice at line " + machine.choice(at).origin().line();
        };
    }

    private static Map<String, Long> with(Map<String, Long> m, String key, long value) {
        Map<String, Long> copy = new HashMap<>(m);
        copy.put(key, value);
        return copy;
    }

    /** {@code list} and {@code item}: no copy when {@code list} is the newest version (one event after another). */
    private static <T> List<T> append(List<T> list, T item) {
        return AppendOnlyLog.plus(list, item);
    }
}
