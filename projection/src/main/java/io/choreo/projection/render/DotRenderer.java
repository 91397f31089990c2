package io.choreo.projection.render;

import io.choreo.projection.check.LocalFsm;

/** Draws a participant's local state machine in Graphviz DOT: start state marked, final states double circles. */
public final class DotRenderer {
    private DotRenderer() {
    }

    public static String render(String participant, LocalFsm fsm) {
        StringBuilder b = new StringBuilder();
        b.append("digraph \"").append(escape(participant)).append("\" {\n");
        b.append("    rankdir=LR;\n");
        b.append("    node [shape=circle];\n");
        b.append("    start [shape=point];\n");
        for (int s = 0; s < fsm.stateCount(); s++) {
            b.append("    s").append(s).append(" [label=\"").append(s).append('"');
            if (fsm.finals().contains(s)) {
                b.append(", shape=doublecircle");
            }
            b.append("];\n");
        }
        b.append("    start -> s0;\n");
        for (LocalFsm.Transition t : fsm.transitions()) {
            b.append("    s").append(t.from()).append(" -> s").append(t.to()).append(" [label=\"")
                    .append(escape(t.action().toString())).append("\"];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
