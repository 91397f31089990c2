package io.choreo.runtime.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy}: attempts in all, the first wait from minBackoff, jitter within its bound — on Patterns.retry. */
class RetryPolicyTest {
    static final ActorTestKit kit = ActorTestKit.create("retry", ConfigFactory.load("application-test"));

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    /** Every policy of a seeded sweep: the n-th wait is min·2^(n-1) capped at max, jittered by at most its share. */
    @Test
    void backoffStartsAtMinBackoffDoublesUpToTheCapAndJittersWithinBounds() {
        long seed = Long.getLong("choreo.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            long min = random.nextInt(2_000);
            long max = min + random.nextInt(10_000);
            double jitter = random.nextBoolean() ? 0.25 : random.nextDouble();
            RetryPolicy policy = new RetryPolicy(1 + random.nextInt(10), Duration.ofMillis(min),
                    Duration.ofMillis(max), jitter);
            int retry = 1 + random.nextInt(70);
            double r = random.nextDouble();
            long base = Math.min(max, (long) Math.min(max, min * Math.pow(2, retry - 1)));
            long waited = policy.backoff(retry, () -> r).toMillis();
            String where = "seed " + seed + ", " + policy + ", retry " + retry + ", random " + r;
            assertTrue(waited >= base, where + ": waited " + waited + " < " + base);
            assertTrue(waited <= Math.round(base * (1 + jitter)) + 1, where + ": waited " + waited);
        }
        RetryPolicy p = RetryPolicy.exponential(4, Duration.ofMillis(500), Duration.ofSeconds(3));
        assertEquals(List.of(500L, 1000L, 2000L, 3000L),
                List.of(1, 2, 3, 4).stream().map(n -> p.backoff(n, () -> 0).toMillis()).toList());
        assertEquals(625, p.backoff(1, () -> 1.0).toMillis(), "25% jitter at most");
    }

    @Test
    void attemptsCountTheFirstTryAndTheWaitsStartAtMinBackoff() throws Exception {
        for (int attempts : new int[] {1, 2, 3}) {
            AtomicInteger tries = new AtomicInteger();
            List<Long> at = new ArrayList<>();
            RetryPolicy policy = RetryPolicy.exponential(attempts, Duration.ofMillis(200), Duration.ofSeconds(1));
            CompletionStage<String> result = policy.run(() -> {
                synchronized (at) {
                    at.add(System.nanoTime() / 1_000_000);
                }
                tries.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("down"));
            }, (ok, error) -> error != null, kit.system());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> result.toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals("down", e.getCause().getMessage());
            assertEquals(attempts, tries.get(), "RetryPolicy(attempts = " + attempts + ") tries that often in all");
            if (attempts > 1) {
                // a lower bound only (a loaded machine may wait longer): the first wait is minBackoff, not twice it
                assertTrue(at.get(1) - at.get(0) >= 200, "first gap " + (at.get(1) - at.get(0)));
            }
        }
    }

    @Test
    void aResultTheCallerAcceptsEndsTheRetries() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        String result = RetryPolicy.exponential(5, Duration.ZERO, Duration.ZERO)
                .run(() -> CompletableFuture.completedFuture("try " + tries.incrementAndGet()),
                        (ok, error) -> error != null || !ok.equals("try 3"), kit.system())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("try 3", result);
    }

    @Test
    void nonsensePoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.exponential(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.exponential(2, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 2.0));
    }
}
