package io.choreo.runtime.resilience;

import java.time.Duration;

/**
 * How to retry: {@code attempts} in all, exponential backoff from {@code minBackoff} to {@code maxBackoff} with
 * random jitter ({@code 0.25} = up to 25% more), as Pekko's {@code Patterns.retry} does.
 */
public record RetryPolicy(int attempts, Duration minBackoff, Duration maxBackoff, double jitter) {

    public static RetryPolicy exponential(int attempts, Duration minBackoff, Duration maxBackoff) {
        return new RetryPolicy(attempts, minBackoff, maxBackoff, 0.25);
    }
}
