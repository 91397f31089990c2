package io.choreo.simulation.exec;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the tasks queued or running on the simulation's executors. A task that schedules another increments the
 * count before it finishes, so zero means every actor is idle.
 */
public final class Quiescence {
    private static final AtomicLong PENDING = new AtomicLong();

    private Quiescence() {
    }

    static void started() {
        PENDING.incrementAndGet();
    }

    static void finished() {
        PENDING.decrementAndGet();
    }

    /** Waits until every simulation actor is idle; fails after {@code maxMillis} of real time (a livelock). */
    public static void awaitIdle(long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        int idleChecks = 0;
        while (idleChecks < 2) {
            if (PENDING.get() == 0) {
                idleChecks++;
                Thread.onSpinWait();
            } else {
                idleChecks = 0;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the simulated actors did not become idle within " + maxMillis
                            + " ms (" + PENDING.get() + " tasks pending)");
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }
}
