package io.choreo.persistence.durable;

import io.choreo.runtime.session.Fingerprint;
import io.choreo.runtime.session.SessionRegistry;
import io.choreo.runtime.wire.CborSerializable;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The protocol fingerprint of a durable session, in the journal: the first session under an id records it; a later
 * session under the same id with the same fingerprint resumes; one with another fingerprint is refused (the session
 * fails with {@code SessionIdConflict}), so two protocols never share a session's journal.
 */
public final class SessionClaim
        extends EventSourcedBehavior<SessionClaim.Command, SessionClaim.Recorded, SessionClaim.State> {

    /** Commands of the claim entity. */
    public interface Command extends CborSerializable {
    }

    /** Claims the session for {@code digest}; the reply names who holds it, or is empty if the claim succeeded. */
    public record Claim(String protocol, String digest, ActorRef<Reply> replyTo) implements Command {
    }

    /** {@code heldBy} is empty if the claim succeeded. */
    public record Reply(String heldBy) implements CborSerializable {
    }

    /** The fingerprint recorded when the session first started. */
    public record Recorded(String protocol, String digest) implements CborSerializable {
    }

    /** The recorded fingerprint, if any. */
    public record State(Recorded recorded) {
    }

    /** How long a session waits for the journal to confirm its claim. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(20);

    private SessionClaim(String sessionId) {
        super(persistenceId(sessionId));
    }

    public static PersistenceId persistenceId(String sessionId) {
        return PersistenceId.of("choreo-claim", sessionId);
    }

    public static Behavior<Command> create(String sessionId) {
        return new SessionClaim(sessionId);
    }

    /** A registry that records fingerprints with this entity, spawned as a child of the session. */
    public static SessionRegistry registry() {
        return (context, sessionId, fingerprint) -> {
            ActorRef<Command> claim = context.spawn(create(sessionId), "fingerprint");
            return AskPattern.<Command, Reply>ask(claim, replyTo -> new Claim(fingerprint.protocol(),
                            fingerprint.digest(), replyTo), CLAIM_TIMEOUT, context.getSystem().scheduler())
                    .thenApply(reply -> reply.heldBy().isEmpty() ? Optional.<String>empty()
                            : Optional.of(reply.heldBy()));
        };
    }

    /** No snapshots are taken, so recovery does not ask the snapshot store (one query less per start). */
    @Override
    public org.apache.pekko.persistence.typed.javadsl.Recovery recovery() {
        return io.choreo.persistence.journal.NoSnapshots.recovery();
    }

    @Override
    public State emptyState() {
        return new State(null);
    }

    @Override
    public CommandHandler<Command, Recorded, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Claim.class, (state, claim) -> {
                    if (state.recorded() == null) {
                        return Effect().persist(new Recorded(claim.protocol(), claim.digest()))
                                .thenReply(claim.replyTo(), s -> new Reply(""));
                    }
                    String heldBy = state.recorded().digest().equals(claim.digest()) ? ""
                            : new Fingerprint(state.recorded().protocol(), state.recorded().digest()).toString();
                    return Effect().reply(claim.replyTo(), new Reply(heldBy));
                })
                .build();
    }

    @Override
    public EventHandler<State, Recorded> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Recorded.class, (state, event) -> new State(event))
                .build();
    }
}
