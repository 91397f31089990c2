package io.choreo.projection.render;

import io.choreo.dsl.print.PrettyPrinter;
import io.choreo.projection.check.Action;
import io.choreo.projection.check.LocalFsm;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Draws a participant's local state machine in Graphviz DOT, titled with the protocol and participant: each state
 * says what the participant does there (waits for, sends, chooses), the start is marked, final states are double
 * circles, and each edge carries its action, the branch it takes and that branch's guard.
 */
public final class DotRenderer {
    private DotRenderer() {
    }

    /** The graph of {@code participant} (a role or an array instance such as {@code Workers[1]}) of a protocol. */
    public static String render(String protocol, String participant, LocalFsm fsm) {
        StringBuilder b = new StringBuilder();
        b.append("digraph \"").append(escape(protocol + "." + participant)).append("\" {\n");
        b.append("    label=\"").append(escape(protocol + ": " + participant)).append("\";\n");
        b.append("    labelloc=t;\n    fontsize=16;\n    rankdir=LR;\n");
        b.append("    node [shape=circle, fontsize=10];\n    edge [fontsize=10];\n");
        b.append("    start [shape=point];\n");
        List<List<LocalFsm.Transition>> bySource = new ArrayList<>();
        for (int s = 0; s < fsm.stateCount(); s++) {
            bySource.add(new ArrayList<>());
        }
        for (LocalFsm.Transition t : fsm.transitions()) {
            bySource.get(t.from()).add(t);
        }
        for (int s = 0; s < fsm.stateCount(); s++) {
            b.append("    s").append(s).append(" [label=\"").append(s).append("\\n")
                    .append(escape(describe(fsm, s, bySource.get(s)))).append('"');
            if (fsm.finals().contains(s)) {
                b.append(", shape=doublecircle");
            }
            b.append("];\n");
        }
        b.append("    start -> s0;\n");
        for (LocalFsm.Transition t : fsm.transitions()) {
            b.append("    s").append(t.from()).append(" -> s").append(t.to()).append(" [label=\"")
                    .append(escape(edgeLabel(fsm.residuals().get(t.from()), t))).append("\"];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    /** What the participant does in state {@code s}: {@code waits for Seller?Accept|Reject}, {@code sends …}. */
    static String describe(LocalFsm fsm, int s) {
        return describe(fsm, s, fsm.transitions().stream().filter(t -> t.from() == s).toList());
    }

    private static String describe(LocalFsm fsm, int s, List<LocalFsm.Transition> out) {
        if (out.isEmpty()) {
            return fsm.finals().contains(s) ? "done" : "stuck";
        }
        Map<String, Set<String>> receives = new LinkedHashMap<>();
        Map<String, Set<String>> sends = new LinkedHashMap<>();
        for (LocalFsm.Transition t : out) {
            (t.action().kind() == Action.Kind.RECEIVE ? receives : sends)
                    .computeIfAbsent(t.action().peer(), k -> new LinkedHashSet<>()).add(t.action().label());
        }
        List<String> parts = new ArrayList<>();
        if (!receives.isEmpty()) {
            parts.add("waits for " + actions(receives, "?"));
        }
        if (!sends.isEmpty()) {
            parts.add((front(fsm.residuals().get(s)).filter(c -> c instanceof LocalType.Select).isPresent()
                    ? "chooses, sends " : "sends ") + actions(sends, "!"));
        }
        return String.join("\\n", parts);
    }

    private static String actions(Map<String, Set<String>> byPeer, String symbol) {
        List<String> parts = new ArrayList<>();
        byPeer.forEach((peer, labels) -> parts.add(peer + symbol + String.join("|", labels)));
        return String.join(", ", parts);
    }

    /** {@code Seller!Accept}, then on a new line the branch and its guard when the step starts a branch. */
    static String edgeLabel(LocalType from, LocalFsm.Transition t) {
        StringBuilder label = new StringBuilder(t.action().toString());
        front(from).ifPresent(choice -> branches(choice).stream()
                .filter(b -> LocalSemantics.moves(b.type()).stream().anyMatch(m -> m.action().equals(t.action())))
                .findFirst()
                .ifPresent(b -> {
                    label.append("\\n[").append(b.label());
                    b.guard().ifPresent(g -> label.append(" when ").append(PrettyPrinter.expression(g)));
                    label.append(']');
                }));
        return label.toString();
    }

    private static List<LocalType.Branch> branches(LocalType choice) {
        return choice instanceof LocalType.Select s ? s.branches() : ((LocalType.Offer) choice).branches();
    }

    /** The choice the type starts with, looking through {@code rec} unfoldings and loop iterations. */
    static Optional<LocalType> front(LocalType type) {
        LocalType t = LocalSemantics.normalize(type);
        for (int unfoldings = 0; unfoldings < 64; unfoldings++) {
            if (t instanceof LocalType.Select || t instanceof LocalType.Offer) {
                return Optional.of(t);
            } else if (t instanceof LocalType.Rec r) {
                t = LocalSemantics.normalize(LocalTypes.substitute(r.body(), r.variable(), r));
            } else if (t instanceof LocalType.Repeat r) {
                t = LocalSemantics.normalize(r.body());
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n");
    }
}
