package io.choreo.persistence.durable;

import io.choreo.runtime.engine.RoleMachine;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps a durable participant takes at once, before it must wait: their events, written in one batch, the
 * progress they lead to, and what to do once they are written (deliver sends, acknowledge receives). Receiving a
 * message and reacting to it is one journal write, as in a bare event-sourced actor.
 */
final class StepBatch {
    private final RoleMachine machine;
    private final List<RoleEvent> events = new ArrayList<>(4);
    private final List<Runnable> afterWrite = new ArrayList<>(4);
    private RoleProgress progress;

    StepBatch(RoleMachine machine, RoleProgress progress) {
        this.machine = machine;
        this.progress = progress;
    }

    /** Where the participant is once the batch is written. */
    RoleProgress progress() {
        return progress;
    }

    /** Adds {@code step}'s events (applied to the progress at once) and what to do after they are written. */
    void add(List<RoleEvent> step, Runnable then) {
        for (RoleEvent e : step) {
            progress = progress.apply(machine, e);
        }
        events.addAll(step);
        if (then != null) {
            afterWrite.add(then);
        }
    }

    /** True when the batch sends to {@code peer} (its first send then acknowledges what the batch consumed). */
    boolean sendsTo(String peer) {
        for (RoleEvent e : events) {
            if (e instanceof RoleEvent.Sent s && s.to().equals(peer)) {
                return true;
            }
        }
        return false;
    }

    /** The receives of the batch, in order. */
    List<RoleEvent.Received> received() {
        return events.stream().filter(RoleEvent.Received.class::isInstance).map(RoleEvent.Received.class::cast)
                .toList();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** What to write: the one step, or all of them as one {@link RoleEvent.Steps} record. */
    RoleEvent record() {
        return events.size() == 1 ? events.get(0) : new RoleEvent.Steps(List.copyOf(events));
    }

    /** Runs the effects of the steps, in order; called once the events are in the journal. */
    void written() {
        afterWrite.forEach(Runnable::run);
    }
}
