package io.choreo.persistence.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Writes the session log: one event-sourced child per session ({@code choreo-session|<id>}), which journals the
 * session's records in order and stops once the outcome is written.
 */
final class SessionLogWriter {
    private SessionLogWriter() {
    }

    /** What the writer does. */
    sealed interface Command {
    }

    /** Journal {@code record}. */
    record Write(SessionRecord record) implements Command {
    }

    /** Reply once every outcome received so far is journaled (at shutdown). */
    record Drain(ActorRef<Done> replyTo) implements Command {
    }

    static Behavior<Command> create() {
        return Behaviors.setup(ctx -> {
            Map<String, ActorRef<SessionRecord>> live = new HashMap<>();
            Map<ActorRef<Void>, String> names = new HashMap<>();
            Set<ActorRef<Void>> ending = new HashSet<>();
            List<ActorRef<Done>> draining = new ArrayList<>();
            int[] incarnation = {0};
            return Behaviors.receive(Command.class)
                    .onMessage(Write.class, w -> {
                        SessionRecord r = w.record();
                        ActorRef<SessionRecord> child = live.get(r.sessionId());
                        if (child == null) {
                            child = ctx.spawn(SessionEntity.create(r.sessionId()), "session-" + ++incarnation[0]
                                    + "-" + URLEncoder.encode(r.sessionId(), StandardCharsets.UTF_8));
                            ctx.watch(child);
                            live.put(r.sessionId(), child);
                            names.put(child.unsafeUpcast(), r.sessionId());
                        }
                        if (!(r instanceof SessionRecord.Started)) {
                            ending.add(child.unsafeUpcast());
                        }
                        child.tell(r);
                        return Behaviors.same();
                    })
                    .onMessage(Drain.class, d -> {
                        draining.add(d.replyTo());
                        return drained(ending, draining);
                    })
                    .onSignal(Terminated.class, t -> {
                        String id = names.remove(t.getRef());
                        ending.remove(t.getRef());
                        if (id != null && live.get(id) != null && live.get(id).path().equals(t.getRef().path())) {
                            live.remove(id);
                        }
                        return drained(ending, draining);
                    })
                    .build();
        });
    }

    private static Behavior<Command> drained(Set<ActorRef<Void>> ending, List<ActorRef<Done>> draining) {
        if (ending.isEmpty()) {
            draining.forEach(r -> r.tell(Done.getInstance()));
            draining.clear();
        }
        return Behaviors.same();
    }

    /** The journal of one session's records. */
    static final class SessionEntity extends EventSourcedBehavior<SessionRecord, SessionRecord, Integer> {
        SessionEntity(String sessionId) {
            super(PersistenceId.of("choreo-session", sessionId), SupervisorStrategy.restartWithBackoff(
                    Duration.ofMillis(50), Duration.ofSeconds(2), 0.2));
        }

        static Behavior<SessionRecord> create(String sessionId) {
            return new SessionEntity(sessionId);
        }

        /** No snapshots are taken, so recovery does not ask the snapshot store. */
        @Override
        public org.apache.pekko.persistence.typed.javadsl.Recovery recovery() {
            return org.apache.pekko.persistence.typed.javadsl.Recovery.withSnapshotSelectionCriteria(
                    org.apache.pekko.persistence.typed.SnapshotSelectionCriteria.none());
        }

        @Override
        public Integer emptyState() {
            return 0;
        }

        @Override
        public CommandHandler<SessionRecord, SessionRecord, Integer> commandHandler() {
            return (state, record) -> {
                var effect = Effect().persist(record);
                return record instanceof SessionRecord.Started ? effect : effect.thenStop();
            };
        }

        @Override
        public EventHandler<Integer, SessionRecord> eventHandler() {
            return (state, record) -> state + 1;
        }

        @Override
        public Set<String> tagsFor(SessionRecord record) {
            return Set.of(SessionLog.TAG);
        }
    }
}
