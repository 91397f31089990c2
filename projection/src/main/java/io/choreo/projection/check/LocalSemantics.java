package io.choreo.projection.check;

import io.choreo.dsl.ast.Bound;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The step semantics of concrete local types: which actions a participant can take next and what remains after
 * each. Recursion unfolds on demand; loops with a count unroll one iteration at a time; parallel branches
 * interleave. Used by the deadlock checker and to draw local state machines.
 */
public final class LocalSemantics {
    private LocalSemantics() {
    }

    /** A possible next step: the action, the type that remains, and the send or receive node it performs. */
    public record Move(Action action, LocalType next, LocalType step) {
    }

    public static List<Move> moves(LocalType t) {
        List<Move> out = new ArrayList<>();
        collect(normalize(t), out, 0);
        return out;
    }

    /** True when nothing is left to do. */
    public static boolean isFinished(LocalType t) {
        return normalize(t) instanceof LocalType.End;
    }

    /**
     * Drops finished parallel blocks and exhausted loops so equal situations are equal terms. A loop whose count is
     * not a literal is kept (only unrolling it needs the count).
     */
    public static LocalType normalize(LocalType t) {
        if (t instanceof LocalType.Par p && p.branches().stream().allMatch(LocalSemantics::isFinished)) {
            return normalize(p.cont());
        }
        if (t instanceof LocalType.Repeat r && r.count() instanceof Bound.Literal l && l.value() <= 0) {
            return normalize(r.cont());
        }
        return t;
    }

    private static int count(LocalType.Repeat r) {
        if (r.count() instanceof Bound.Literal l) {
            return l.value();
        }
        throw new IllegalArgumentException("loop count " + r.count() + " is not bound; instantiate the type first");
    }

    private static void collect(LocalType t, List<Move> out, int unfoldings) {
        if (unfoldings > 64) {
            return;
        }
        if (t instanceof LocalType.Send s) {
            out.add(new Move(new Action(Action.Kind.SEND, s.peer().toString(), s.label()), normalize(s.cont()), s));
        } else if (t instanceof LocalType.Recv r) {
            out.add(new Move(new Action(Action.Kind.RECEIVE, r.peer().toString(), r.label()), normalize(r.cont()), r));
        } else if (t instanceof LocalType.Select s) {
            s.branches().forEach(b -> collect(normalize(b.type()), out, unfoldings));
        } else if (t instanceof LocalType.Offer o) {
            o.branches().forEach(b -> collect(normalize(b.type()), out, unfoldings));
        } else if (t instanceof LocalType.Rec r) {
            collect(normalize(LocalTypes.substitute(r.body(), r.variable(), r)), out, unfoldings + 1);
        } else if (t instanceof LocalType.Repeat r) {
            LocalType rest = new LocalType.Repeat(new Bound.Literal(count(r) - 1), r.body(), r.cont());
            collect(normalize(LocalTypes.replaceEnd(r.body(), rest)), out, unfoldings);
        } else if (t instanceof LocalType.Par p) {
            for (int i = 0; i < p.branches().size(); i++) {
                List<Move> inner = new ArrayList<>();
                collect(normalize(p.branches().get(i)), inner, unfoldings);
                for (Move m : inner) {
                    List<LocalType> branches = new ArrayList<>(p.branches());
                    branches.set(i, m.next());
                    out.add(new Move(m.action(), normalize(new LocalType.Par(branches, p.cont())), m.step()));
                }
            }
        } else if (t instanceof LocalType.Guarded) {
            throw new IllegalArgumentException("instance guards must be resolved by Instantiation first");
        }
    }
}
