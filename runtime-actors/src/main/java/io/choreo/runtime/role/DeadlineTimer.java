package io.choreo.runtime.role;

import io.choreo.dsl.ast.Deadline;
import io.choreo.projection.local.LocalType;
import io.choreo.runtime.engine.RoleMachine;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionError;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The deadline of a role shell (in-memory, durable, simulated): one Pekko timer, armed while the participant waits
 * at a timed choice, as an absolute instant of the actor system's scheduler clock (virtual under ManualTime), so a
 * durable participant can record it and re-arm it after a crash — at once if it passed. A {@link Fired} message of an
 * older arming is stale and ignored.
 */
public final class DeadlineTimer {
    /** The timer's message: deadline number {@code epoch} passed. */
    public record Fired(long epoch) implements RoleActor.Command {
    }

    /** A scheduler with its own clock (the simulator's virtual one): deadlines are measured in it. */
    public interface Clock {
        long nowMillis();
    }

    private static final Object KEY = "deadline";
    private final TimerScheduler<RoleActor.Command> timers;
    private final java.util.function.LongSupplier nowMillis;
    private long epoch;
    private long dueAtMillis = -1;
    private Duration duration = Duration.ZERO;

    /** @param nowMillis the clock the deadlines are measured in (the scheduler's, so ManualTime drives it) */
    public DeadlineTimer(TimerScheduler<RoleActor.Command> timers, java.util.function.LongSupplier nowMillis) {
        this.timers = timers;
        this.nowMillis = nowMillis;
    }

    /** The clock of {@code system}'s scheduler: virtual under simulation, else the wall clock. */
    public static java.util.function.LongSupplier clockOf(org.apache.pekko.actor.typed.ActorSystem<?> system) {
        return system.classicSystem().scheduler() instanceof Clock c ? c::nowMillis : System::currentTimeMillis;
    }

    /** A timer on {@code context}'s system clock. */
    public static DeadlineTimer of(TimerScheduler<RoleActor.Command> timers,
                                   org.apache.pekko.actor.typed.javadsl.ActorContext<?> context) {
        return new DeadlineTimer(timers, clockOf(context.getSystem()));
    }

    /** True when {@code machine} has a timed choice (else its participants need no timer at all). */
    public static boolean needed(RoleMachine machine) {
        for (int s = 0; s < machine.stateCount(); s++) {
            if (machine.kind(s) == RoleMachine.Kind.RECEIVE && machine.deadline(s) != null) {
                return true;
            }
        }
        return false;
    }

    /** True while a deadline is armed. */
    public boolean armed() {
        return dueAtMillis >= 0;
    }

    /** The armed deadline (an instant of {@link #now()}), or -1. */
    public long dueAtMillis() {
        return dueAtMillis;
    }

    /** The duration of the latest deadline armed. */
    public Duration duration() {
        return duration;
    }

    public long now() {
        return nowMillis.getAsLong();
    }

    /** Arms a deadline of {@code duration} from now; returns the instant it falls due. */
    public long arm(Duration duration) {
        long dueAt = now() + duration.toMillis();
        armAt(dueAt, duration);
        return dueAt;
    }

    /** Arms the deadline at instant {@code dueAt} (of {@code duration}); one in the past fires at once. */
    public void armAt(long dueAt, Duration duration) {
        this.duration = duration;
        dueAtMillis = dueAt;
        timers.startSingleTimer(KEY, new Fired(++epoch), Duration.ofMillis(Math.max(0, dueAt - now())));
    }

    public void cancel() {
        if (armed()) {
            dueAtMillis = -1;
            epoch++;
            timers.cancel(KEY);
        }
    }

    /** True when {@code fired} is the armed deadline's (then it is disarmed). */
    public boolean current(Fired fired) {
        if (fired.epoch() != epoch || !armed()) {
            return false;
        }
        dueAtMillis = -1;
        return true;
    }

    /**
     * The duration of the deadline at RECEIVE state {@code state}: the literal, or the deciding role's variable
     * (milliseconds or a {@link Duration}). A missing or invalid variable is a typed {@code GuardFailed}.
     */
    public static Duration duration(RoleMachine m, int state, RoleHandler handler, String sessionId, String me)
            throws RoleFailure {
        Deadline d = m.deadline(state);
        if (d instanceof Deadline.Fixed f) {
            return f.duration();
        }
        String name = ((Deadline.Variable) d).name();
        LocalType.Select s = m.timedChoice(state);
        ChoiceContext choice = Decisions.context(sessionId, me, s);
        Map<String, ?> vars = HandlerCalls.call(me, "guardVariables() for deadline " + name,
                () -> handler.guardVariables(choice));
        Object value = vars == null ? null : vars.get(name);
        Duration given = value instanceof Duration duration ? duration
                : value instanceof Number n ? Duration.ofMillis(n.longValue()) : null;
        if (given != null && !given.isNegative() && given.compareTo(Deadline.MAX) <= 0) {
            return given;
        }
        throw new RoleFailure(new SessionError.GuardFailed(me, s.origin().line(), value == null
                ? "the deadline variable '" + name + "' is not among the handler's variables " + (vars == null
                ? "{}" : vars.keySet()) : "the deadline variable '" + name + "' is " + value
                + ", not a number of milliseconds or a Duration from 0 to " + Deadline.Fixed.format(Deadline.MAX)
                + " (180 days)"));
    }
}
