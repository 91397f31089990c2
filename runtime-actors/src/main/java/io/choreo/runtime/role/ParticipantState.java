package io.choreo.runtime.role;

import io.choreo.runtime.engine.PayloadClasses;
import io.choreo.runtime.engine.Position;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.observe.SessionMdc;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionProtocol;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * What a {@link RoleActor} holds and how it meets its mailbox: the participant's position, peers, early messages and
 * stash (made on first use), the logging MDC around each message, and its reports to the session (a status, a
 * failure, its stop). The protocol's steps are {@link RoleActor}'s.
 */
abstract class ParticipantState extends ExtensibleBehavior<RoleProtocol.Command>
        implements RoleProtocol, EarlyMessages.Participant<Behavior<RoleProtocol.Command>> {

    final ActorContext<Command> context;
    /** Made when a message first has to wait (before the Start, or while a stage is pending). */
    StashBuffer<Command> stash;
    final Setup setup;
    final RoleMachine machine;
    /** Made at the first send (a participant waiting for its first message needs none). */
    Outbox outbox;
    /** Made when the first message arrives early. */
    EarlyMessages early;
    /** Null when the machine has no timed choice (the actor then has no timers either). */
    final DeadlineTimer deadline;
    Position pos;
    Peers peers;
    /** What the participant waits for when not at a receiving state, for {@link Describe}. */
    String busy = "has not been started";

    ParticipantState(ActorContext<Command> context, Setup setup, RoleMachine machine, DeadlineTimer deadline) {
        this.context = context;
        this.deadline = deadline;
        this.setup = setup;
        this.machine = machine;
        payloadClasses().learnDeclared(machine);   // its payload types must be known before anything arrives
    }

    /**
     * The actor itself is the one behaviour of every receiving state: the position says what it accepts, and staying
     * in it is answered with {@code same}.
     */
    @Override
    public Behavior<Command> receive(TypedActorContext<Command> ctx, Command command) {
        SessionMdc.put(setup.sessionId(), me());
        try {
            Behavior<Command> next = onCommand(command);
            return next == this ? Behaviors.same() : next;
        } finally {
            SessionMdc.clear();
        }
    }

    @Override
    public Behavior<Command> receiveSignal(TypedActorContext<Command> ctx, Signal signal) {
        return stopped(signal);
    }

    /** A state other than receiving: {@code handler} takes its messages, the MDC set meanwhile. */
    Behavior<Command> receive(java.util.function.Function<Command, Behavior<Command>> handler) {
        return SessionMdc.receive(setup.sessionId(), me(), handler, this::stopped);
    }

    /**
     * Stopped before its protocol ended (it crashed, or its session stopped): the session hears it, in place of
     * watching each participant. A session that stopped first does not (the report is no dead letter).
     */
    Behavior<Command> stopped(Signal signal) {
        if (signal instanceof PostStop) {
            setup.session().tell(new SessionProtocol.RoleStopped(me()));
        }
        return Behaviors.same();
    }

    String me() {
        return setup.participant().name();
    }

    /** The handler if it is asynchronous (or an application actor), else null: the synchronous fast path. */
    AsyncRoleHandler async() {
        return setup.handler() instanceof AsyncRoleHandler a ? a : null;
    }

    PayloadClasses payloadClasses() {
        return PayloadClasses.of(setup.options().payloadClasses(),
                io.choreo.runtime.session.SessionSettings.config(context.getSystem()),
                setup.handler().getClass().getClassLoader());
    }

    Outbox outbox() {
        if (outbox == null) {
            outbox = new Outbox(setup, payloadClasses().learnDeclared(machine),
                    peers.bind(context.getSystem()));
        }
        return outbox;
    }

    Behavior<Command> describe(Describe d) {
        String status = busy != null ? busy : "is waiting for " + machine.waitingFor(pos.state())
                + (early == null || early.isEmpty() ? "" : " (holding early " + early.describe() + ")");
        d.replyTo().tell(new SessionProtocol.Described(me(), status));
        return Behaviors.same();
    }

    Behavior<Command> fail(SessionError error) {
        setup.session().tell(new SessionProtocol.RoleFailed(me(), error));
        return Behaviors.ignore();
    }

    Behavior<Command> unstashAll(Behavior<Command> next) {
        return stash == null ? next : stash.unstashAll(next);
    }

    EarlyMessages early() {
        if (early == null) {
            early = new EarlyMessages();
        }
        return early;
    }

    /** Stashes {@code c} (the stash made at the first message that waits), or fails when it is full. */
    Behavior<Command> stashOrFail(Command c) {
        if (stash == null) {
            return Behaviors.withStash(RoleActor.MAX_EARLY, made -> {
                stash = made;
                return stashOrFail(c);   // same: the current behaviour goes on
            });
        }
        if (stash.isFull()) {
            return fail(violation("more than " + RoleActor.MAX_EARLY + " messages arrived before it could handle them"));
        }
        stash.stash(c);
        return Behaviors.same();
    }

    @Override
    public int waitingAt() {
        return pos.state();
    }

    SessionError violation(String detail) {
        return new SessionError.ProtocolViolation(me(), detail);
    }

    /** What the participant does with {@code command} in its receiving state (this behaviour). */
    abstract Behavior<Command> onCommand(Command command);
}
