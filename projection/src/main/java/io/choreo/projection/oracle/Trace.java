package io.choreo.projection.oracle;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A run as a chain of steps, each sharing the run it extends: one step costs one small object, never a copy of the
 * run so far. Shown only when the oracle reports a difference.
 */
record Trace(Trace previous, Object step) {

    static Trace then(Trace run, Object step) {
        return new Trace(run, step);
    }

    /** {@code "the start"} for an empty run (null), else {@code "[step; step; …]"}. */
    static String show(Trace run) {
        if (run == null) {
            return "the start";
        }
        Deque<String> steps = new ArrayDeque<>();
        for (Trace t = run; t != null; t = t.previous()) {
            steps.addFirst(String.valueOf(t.step()));
        }
        return "[" + String.join("; ", steps) + "]";
    }
}
