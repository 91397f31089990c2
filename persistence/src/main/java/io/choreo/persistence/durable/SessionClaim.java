package io.choreo.persistence.durable;

import io.choreo.persistence.journal.JournalRestarts;
import io.choreo.runtime.session.Fingerprint;
import io.choreo.runtime.session.SessionRegistry;
import io.choreo.runtime.wire.CborSerializable;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The protocol fingerprint of a durable session, in the journal: the first session under an id records it; a later
 * session under the same id with the same fingerprint resumes; one with another fingerprint is refused (the session
 * fails with {@code SessionIdConflict}) before its participants write anything, so two protocols never share a
 * session's journal.
 *
 * <p>The answer needs only the journal's read: a session whose id is free may start at once while its fingerprint
 * is written, so the write costs a new session no round trip. A failed write restarts the entity with backoff, and
 * it writes the record again once it has recovered, for as long as the session runs. (A process killed within that
 * write may leave participants' events without a record; a later session of another protocol under the id is then
 * not refused here, and its participants fail recovery with a typed {@code JournalFailed}.)
 */
public final class SessionClaim
        extends EventSourcedBehavior<SessionClaim.Command, SessionClaim.Recorded, SessionClaim.State> {

    /** Commands of the claim entity. */
    public interface Command extends CborSerializable {
    }

    /** Claims the session for {@code digest}; the reply names who holds it, or is empty if the claim succeeded. */
    public record Claim(String protocol, String digest, ActorRef<Reply> replyTo) implements Command {
    }

    /** Replies once the claim is in the journal (at once if it already is). */
    public record Settle(ActorRef<org.apache.pekko.Done> replyTo) implements Command {
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

    /**
     * How long a session waits for the journal to confirm its claim, at the most (the session's own timeout, which
     * fails it with a clear cause, as a rule ends the wait first). With 1,000 sessions started at once a claim waits
     * its turn for one of Pekko's recovery permits ({@code pekko.persistence.max-concurrent-recoveries}) behind
     * 2,000 participants' recoveries: 20 s was not enough on a loaded machine of 2 cores.
     */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(2);

    /** The claim granted before its record is written: written again after a restart until it is. */
    private Claim granted;
    /** Who waits for the record to be written. */
    private final java.util.List<ActorRef<org.apache.pekko.Done>> settling = new java.util.ArrayList<>();
    private final ActorRef<Command> self;

    private SessionClaim(String sessionId, ActorContext<Command> context) {
        super(persistenceId(sessionId), JournalRestarts.backoff(context.getSystem()));
        this.self = context.getSelf();
    }

    public static PersistenceId persistenceId(String sessionId) {
        return PersistenceId.of("choreo-claim", sessionId);
    }

    public static Behavior<Command> create(String sessionId) {
        return Behaviors.setup(ctx -> new SessionClaim(sessionId, ctx));
    }

    /**
     * A registry that records fingerprints with this entity, spawned as a child of the session: the session may start
     * once the claim is read, and ends once it is written.
     */
    public static SessionRegistry registry() {
        return (context, sessionId, fingerprint) -> {
            ActorRef<Command> claim = context.spawn(create(sessionId), "fingerprint");
            var scheduler = context.getSystem().scheduler();
            // on the session's dispatcher: the ask's future runs a callback without an executor on the common
            // pool, which on a machine of 2 cores is a new thread per callback
            return AskPattern.<Command, Reply>ask(claim, replyTo -> new Claim(fingerprint.protocol(),
                            fingerprint.digest(), replyTo), CLAIM_TIMEOUT, scheduler)
                    .thenApplyAsync(reply -> reply.heldBy().isEmpty()
                            ? SessionRegistry.Answer.free(AskPattern.ask(claim, Settle::new, CLAIM_TIMEOUT, scheduler))
                            : SessionRegistry.Answer.heldBy(reply.heldBy()), context.getExecutionContext());
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
                        if (granted == null) {
                            claim.replyTo().tell(new Reply(""));   // free: the session starts while this is written
                            granted = claim;
                        }
                        return Effect().persist(new Recorded(claim.protocol(), claim.digest()))
                                .thenRun(this::settled);
                    }
                    String heldBy = state.recorded().digest().equals(claim.digest()) ? ""
                            : new Fingerprint(state.recorded().protocol(), state.recorded().digest()).toString();
                    return Effect().reply(claim.replyTo(), new Reply(heldBy));
                })
                .onCommand(Settle.class, (state, settle) -> {
                    settling.add(settle.replyTo());
                    if (state.recorded() != null) {
                        settled(state);
                    }
                    return Effect().none();
                })
                .build();
    }

    private void settled(State state) {
        settling.forEach(waiter -> waiter.tell(org.apache.pekko.Done.getInstance()));
        settling.clear();
    }

    /** After a restart that lost the write of a granted claim, writes it again. */
    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), state -> {
            if (granted != null && state.recorded() == null) {
                self.tell(granted);
            } else if (state.recorded() != null) {
                settled(state);
            }
        }).build();
    }

    @Override
    public EventHandler<State, Recorded> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Recorded.class, (state, event) -> new State(event))
                .build();
    }
}
