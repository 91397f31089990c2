package io.choreo.projection.automata;

import java.util.BitSet;
import java.util.List;

/**
 * A finite automaton without ε-moves: state 0 is the start, each state has labelled edges and may be final.
 *
 * @param <L> what an edge is labelled with
 */
public final class Nfa<L> {
    /** An edge to state {@code to}. */
    public record Edge<L>(L label, int to) {
    }

    private final List<List<Edge<L>>> out;
    private final BitSet finals;

    Nfa(List<List<Edge<L>>> out, BitSet finals) {
        this.out = out;
        this.finals = finals;
    }

    public int stateCount() {
        return out.size();
    }

    public List<Edge<L>> edges(int state) {
        return out.get(state);
    }

    public boolean isFinal(int state) {
        return finals.get(state);
    }
}
