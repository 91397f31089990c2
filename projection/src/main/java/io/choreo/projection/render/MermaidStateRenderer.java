package io.choreo.projection.render;

import io.choreo.projection.check.LocalFsm;

/**
 * Draws a participant's local state machine as a Mermaid state diagram ({@code stateDiagram-v2}): the start and
 * final states as {@code [*]}, each transition labelled with its action ({@code Seller!Offer}).
 */
public final class MermaidStateRenderer {
    private MermaidStateRenderer() {
    }

    public static String render(LocalFsm fsm) {
        StringBuilder b = new StringBuilder("stateDiagram-v2\n");
        b.append("    [*] --> s0\n");
        for (LocalFsm.Transition t : fsm.transitions()) {
            b.append("    s").append(t.from()).append(" --> s").append(t.to()).append(" : ")
                    .append(t.action().toString().replace(":", "#58;").replace(";", "#59;")).append('\n');
        }
        for (int s : fsm.finals()) {
            b.append("    s").append(s).append(" --> [*]\n");
        }
        return b.toString();
    }
}
