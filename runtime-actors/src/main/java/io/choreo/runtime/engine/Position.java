package io.choreo.runtime.engine;

import java.util.Arrays;

/**
 * Where a participant is in its {@link RoleMachine}: a state and the loop counters (one per counted or decided loop;
 * empty when the type has none). Immutable; the engine copies the counters only when a loop point changes them.
 */
public record Position(int state, int[] counters) {
    private static final int[] NONE = new int[0];

    /** The start of {@code machine}, before any internal step. */
    public static Position start(RoleMachine machine) {
        return new Position(0, machine.counterSlots() == 0 ? NONE : new int[machine.counterSlots()]);
    }

    /** Iterations of the decided loop of a CHOOSE state's loop decision so far. */
    public int iterations(RoleMachine machine) {
        return machine.isLoopDecision(state) ? counters[machine.slot[state]] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Position p && p.state == state && Arrays.equals(p.counters, counters);
    }

    @Override
    public int hashCode() {
        return 31 * state + Arrays.hashCode(counters);
    }

    @Override
    public String toString() {
        return "Position[" + state + (counters.length == 0 ? "" : " " + Arrays.toString(counters)) + "]";
    }
}
