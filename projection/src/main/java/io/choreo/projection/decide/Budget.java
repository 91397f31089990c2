package io.choreo.projection.decide;

import java.time.Duration;

/**
 * The explicit resources of one decision: a number of states (subset states, their members, and states of the
 * causality searches, all counted together) and a time. Running out throws {@link Exhausted}, which says which
 * budget it was and how to raise it; nothing else makes a decision inconclusive.
 */
public final class Budget {
    private final int maxStates;
    private final Duration time;
    private final long deadline;
    private long spent;
    private long calls;

    public Budget(int maxStates, Duration time) {
        this.maxStates = maxStates;
        this.time = time;
        this.deadline = System.nanoTime() + time.toNanos();
    }

    /** Counts {@code states} more states; throws {@link Exhausted} past either budget. */
    void spend(int states) {
        spent += states;
        if (spent > maxStates) {
            throw new Exhausted("the state budget of " + maxStates + " states ran out",
                    "raise it with --max-states N");
        }
        if ((++calls & 255) == 0 && System.nanoTime() > deadline) {
            throw new Exhausted("the time budget of " + time.toMillis() + " ms ran out",
                    "raise it with --check-timeout MS");
        }
    }

    /** A budget ran out: {@code which} says which one, {@code raise} how to give more. */
    public static final class Exhausted extends RuntimeException {
        private final String raise;

        Exhausted(String which, String raise) {
            super(which, null, false, false);
            this.raise = raise;
        }

        public String raise() {
            return raise;
        }
    }
}
