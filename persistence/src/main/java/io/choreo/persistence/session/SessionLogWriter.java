package io.choreo.persistence.session;

import io.choreo.persistence.journal.JournalRestarts;
import java.util.List;
import io.choreo.persistence.journal.SessionTags;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Writes the session log: one event-sourced writer per actor system ({@code choreo-session-log|<uuid>}, a fresh id
 * at every start, so it recovers nothing), which journals the records {@link SessionLogBatcher} gathered, each batch
 * in one write, tagged {@link SessionLog#TAG}; a {@code Started} record also carries its session's tag
 * ({@link SessionTags}), by which an audit finds the session's participants. Readers find the records by tag.
 */
final class SessionLogWriter extends EventSourcedBehavior<SessionLogWriter.Command, SessionRecord, Long> {

    /** What the writer does. */
    sealed interface Command {
    }

    /** Journal {@code records} in one write; reply once they are journaled. */
    record Write(List<SessionRecord> records, ActorRef<Done> replyTo) implements Command {
    }

    private SessionLogWriter(ActorSystem<?> system) {
        super(PersistenceId.of("choreo-session-log", UUID.randomUUID().toString()), JournalRestarts.backoff(system));
    }

    static Behavior<Command> create() {
        return Behaviors.setup(ctx -> new SessionLogWriter(ctx.getSystem()));
    }

    /** No snapshots are taken, so recovery (once, at start, or after a failed write) does not ask for one. */
    @Override
    public org.apache.pekko.persistence.typed.javadsl.Recovery recovery() {
        return io.choreo.persistence.journal.NoSnapshots.recovery();
    }

    @Override
    public Long emptyState() {
        return 0L;
    }

    @Override
    public CommandHandler<Command, SessionRecord, Long> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Write.class, w -> Effect().persist(w.records()).thenReply(w.replyTo(),
                        count -> Done.getInstance()))
                .build();
    }

    @Override
    public EventHandler<Long, SessionRecord> eventHandler() {
        return (count, record) -> count + 1;
    }

    @Override
    public Set<String> tagsFor(SessionRecord record) {
        return record instanceof SessionRecord.Started started
                ? Set.of(SessionLog.TAG, SessionTags.of(started.sessionId())) : Set.of(SessionLog.TAG);
    }
}
