package io.choreo.runtime.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiPredicate;
import java.util.function.DoubleSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;

/**
 * How to retry: {@code attempts} in all (the first try included), waiting {@code minBackoff} before the second,
 * doubling up to {@code maxBackoff}, each wait with random jitter ({@code 0.25} = up to 25% more). Runs on Pekko's
 * {@code Patterns.retry}, with this policy's {@link #backoff} as its delay function.
 */
public record RetryPolicy(int attempts, Duration minBackoff, Duration maxBackoff, double jitter) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1 (the first try), got " + attempts);
        }
        if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= minBackoff <= maxBackoff, got " + minBackoff + " and "
                    + maxBackoff);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within [0, 1], got " + jitter);
        }
    }

    /** {@code attempts} in all, exponential backoff from {@code minBackoff}, 25% jitter. */
    public static RetryPolicy exponential(int attempts, Duration minBackoff, Duration maxBackoff) {
        return new RetryPolicy(attempts, minBackoff, maxBackoff, 0.25);
    }

    /**
     * The wait before retry number {@code retry} (1 = before the second attempt): {@code minBackoff · 2^(retry-1)},
     * capped at {@code maxBackoff}, then up to {@code jitter} more, scaled by {@code random} (in [0, 1)).
     */
    public Duration backoff(int retry, DoubleSupplier random) {
        long min = minBackoff.toNanos();
        int doublings = Math.min(Math.max(retry - 1, 0), 62);
        long base = min > (maxBackoff.toNanos() >> doublings) ? maxBackoff.toNanos() : min << doublings;
        base = Math.min(base, maxBackoff.toNanos());
        return Duration.ofNanos(Math.round(base * (1 + jitter * random.getAsDouble())));
    }

    /**
     * Runs {@code attempt} until it succeeds and {@code retryIf} says no more, or the attempts are used up; the
     * result is that of the last attempt. {@code retryIf} gets the result or the error (one of them null).
     */
    public <T> CompletionStage<T> run(Callable<CompletionStage<T>> attempt, BiPredicate<T, Throwable> retryIf,
                                      ActorSystem<?> system) {
        return Patterns.retry(attempt, retryIf, attempts - 1,
                retry -> Optional.of(backoff(retry, () -> ThreadLocalRandom.current().nextDouble())),
                system.classicSystem().scheduler(), system.executionContext());
    }
}
