package io.choreo.projection.check;

import io.choreo.dsl.source.Span;
import java.util.List;

/**
 * The outcome of exploring all interleavings of a protocol's participants.
 *
 * @param trace for a problem, the actions from the start that lead to it
 * @param stuck for a problem, what each unfinished participant is waiting for (and messages left in queues)
 * @param states how many global states were explored
 * @param location for a problem, the interaction a stuck or starving participant waits at
 * @param detail why an exploration was inconclusive
 */
public record DeadlockReport(Verdict verdict, List<String> trace, List<String> stuck, int states, int queueBound,
                             Span location, String detail) {

    public enum Verdict {
        /** Every reachable state can progress, and every complete run ends with empty queues. */
        DEADLOCK_FREE,
        /** Some reachable state has unfinished participants and no possible step. */
        DEADLOCK,
        /** Every participant finished but messages were never received. */
        ORPHAN_MESSAGES,
        /** A participant that has not finished can never act again while others go on. */
        STARVATION,
        /** The state or time budget ran out before the exploration completed. */
        INCONCLUSIVE
    }

    /** An exploration that stopped (or never started) after {@code states} states, and why. */
    public static DeadlockReport inconclusive(int states, int queueBound, String why) {
        return new DeadlockReport(Verdict.INCONCLUSIVE, List.of(), List.of(), states, queueBound, Span.NONE, why);
    }

    public boolean ok() {
        return verdict == Verdict.DEADLOCK_FREE;
    }

    /** A human-readable account, with the trace for problems. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        switch (verdict) {
            case DEADLOCK_FREE -> b.append("deadlock-free: ").append(states).append(" states explored (queues bounded at ")
                    .append(queueBound).append(')');
            case INCONCLUSIVE -> b.append("inconclusive: stopped after ").append(states).append(" states (")
                    .append(detail).append(')');
            case STARVATION -> b.append("starvation after ").append(trace.size()).append(" steps");
            case DEADLOCK -> b.append("deadlock after ").append(trace.size()).append(" steps");
            case ORPHAN_MESSAGES -> b.append("orphan messages after ").append(trace.size()).append(" steps");
        }
        if (!ok() && verdict != Verdict.INCONCLUSIVE) {
            b.append("\n  trace from the start:");
            if (trace.isEmpty()) {
                b.append(" (no step possible)");
            }
            for (int i = 0; i < trace.size(); i++) {
                b.append("\n    ").append(i + 1).append(". ").append(trace.get(i));
            }
            b.append("\n  then:");
            stuck.forEach(s -> b.append("\n    ").append(s));
        }
        return b.toString();
    }
}
