package io.choreo.persistence.journal;

import io.choreo.runtime.wire.CborSerializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import java.time.Duration;

/**
 * The fact set of one participant of one session, event-sourced. New facts of a command are persisted together
 * ({@code persist(List)}: one journal write, however many facts); facts already recorded are skipped, so recording
 * is idempotent. The reply is sent only once the write succeeded.
 */
public final class FactJournal extends EventSourcedBehavior<FactJournal.Command, FactRecorded, FactJournal.State> {

    /** Commands of a fact journal. */
    public interface Command extends CborSerializable {
    }

    /** Adds facts (idempotently) and replies once they are durable. */
    public record Record(List<String> facts, ActorRef<Done> replyTo) implements Command {
    }

    /** The facts recorded so far, in recording order. */
    public record State(Set<String> facts) {
    }

    private final String sessionId;
    private final String participant;

    private FactJournal(String sessionId, String participant) {
        super(persistenceId(sessionId, participant), SupervisorStrategy.restartWithBackoff(
                Duration.ofMillis(100), Duration.ofSeconds(2), 0.2));
        this.sessionId = sessionId;
        this.participant = participant;
    }

    public static PersistenceId persistenceId(String sessionId, String participant) {
        return PersistenceId.of("choreo-facts", sessionId + ":" + participant);
    }

    public static Behavior<Command> create(String sessionId, String participant) {
        return new FactJournal(sessionId, participant);
    }

    @Override
    public State emptyState() {
        return new State(Set.of());
    }

    @Override
    public CommandHandler<Command, FactRecorded, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Record.class, (state, record) -> {
                    List<FactRecorded> fresh = record.facts().stream().distinct()
                            .filter(f -> !state.facts().contains(f))
                            .map(f -> new FactRecorded(sessionId, participant, f)).toList();
                    if (fresh.isEmpty()) {
                        return Effect().reply(record.replyTo(), Done.getInstance());
                    }
                    return Effect().persist(fresh).thenReply(record.replyTo(), s -> Done.getInstance());
                })
                .build();
    }

    @Override
    public EventHandler<State, FactRecorded> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(FactRecorded.class, (state, event) -> {
                    Set<String> facts = new LinkedHashSet<>(state.facts());
                    facts.add(event.fact());
                    return new State(facts);
                })
                .build();
    }

    @Override
    public Set<String> tagsFor(FactRecorded event) {
        return SessionTags.set(sessionId);
    }
}
