package io.choreo.runtime.resilience;

import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.CircuitBreaker;
import org.apache.pekko.pattern.CircuitBreakerOpenException;

/**
 * Sessions with Pekko's resilience patterns: {@link #retry} with exponential backoff and jitter
 * ({@code Patterns.retry}), and {@link #guarded} by a {@code CircuitBreaker}. Only transient failures are retried
 * or counted by the breaker; a denied capability, exhausted budget, invalid bindings or protocol violation is final.
 */
public final class ResilientSessions {
    private final ActorRef<Sessions.Start> manager;
    private final ActorSystem<?> system;

    public ResilientSessions(ActorRef<Sessions.Start> manager, ActorSystem<?> system) {
        this.manager = manager;
        this.system = system;
    }

    /** Failures worth another attempt: they may not happen again. */
    public static boolean transientFailure(SessionError e) {
        return e instanceof SessionError.SessionTimedOut || e instanceof SessionError.RoleCrashed
                || e instanceof SessionError.JournalFailed || e instanceof SessionError.BudgetUnavailable
                || e instanceof SessionError.HandlerFailed;
    }

    /** A failed attempt, carrying its outcome. */
    private static final class TransientFailure extends RuntimeException {
        final transient SessionOutcome.SessionFailed outcome;

        TransientFailure(SessionOutcome.SessionFailed outcome) {
            super(outcome.cause().describe(), null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * Runs a fresh session from {@code attempt} (each attempt needs its own session id) until it completes, fails
     * for good, or the attempts are used up; completes with the last outcome.
     */
    public CompletionStage<SessionOutcome> retry(Supplier<SessionSpec> attempt, RetryPolicy policy) {
        return policy.run(() -> once(attempt.get()),
                (outcome, error) -> error != null
                        || outcome instanceof SessionOutcome.SessionFailed f && transientFailure(f.cause()),
                system);
    }

    /**
     * Runs a session through {@code breaker}: while it is open, sessions fail at once with
     * {@link SessionError.CircuitOpen}; transient failures count towards opening it.
     */
    public CompletionStage<SessionOutcome> guarded(CircuitBreaker breaker, SessionSpec spec) {
        CompletionStage<SessionOutcome> call = breaker.callWithCircuitBreakerCS(() -> once(spec).thenApply(o -> {
            if (o instanceof SessionOutcome.SessionFailed f && transientFailure(f.cause())) {
                throw new TransientFailure(f);
            }
            return o;
        }));
        return call.handle((outcome, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(outcome);
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
            if (cause instanceof TransientFailure t) {
                return CompletableFuture.<SessionOutcome>completedFuture(t.outcome);
            }
            if (cause instanceof CircuitBreakerOpenException open) {
                SessionError.CircuitOpen refused = new SessionError.CircuitOpen(spec.name(),
                        open.remainingDuration().toMillis());
                system.log().warn("session {} of {} failed: {}", spec.sessionId(), spec.name(), refused.describe());
                return CompletableFuture.<SessionOutcome>completedFuture(new SessionOutcome.SessionFailed(
                        spec.sessionId(), spec.name(), refused, java.util.List.of()));
            }
            return CompletableFuture.<SessionOutcome>failedFuture(cause);
        }).thenCompose(s -> s);
    }

    private CompletionStage<SessionOutcome> once(SessionSpec spec) {
        return Sessions.run(manager, spec, system);
    }
}
