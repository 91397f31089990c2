package io.choreo.runtime.role;

import io.choreo.dsl.ast.Bound;
import io.choreo.projection.check.Action;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pure functions that move a participant through its concrete local type: unfold recursion and counted loops,
 * find the next choice the participant must decide, apply a decision, list the messages it may send or receive
 * next. Deterministic, so a durable participant replaying its decisions reaches the same node.
 */
public final class Interpreter {
    /** Unfoldings without reaching an action after which recursion is considered unguarded. */
    static final int MAX_UNFOLDINGS = 10_000;

    private Interpreter() {
    }

    /** Unfolds recursion and counted loops at every position that can act next; leaves choices in place. */
    public static LocalType unfold(LocalType type) {
        return unfold(type, 0);
    }

    private static LocalType unfold(LocalType type, int depth) {
        if (depth > MAX_UNFOLDINGS) {
            throw new IllegalStateException("recursion does not reach any action");
        }
        LocalType t = LocalSemantics.normalize(type);
        if (t instanceof LocalType.Rec r) {
            return unfold(LocalTypes.substitute(r.body(), r.variable(), r), depth + 1);
        } else if (t instanceof LocalType.Repeat r) {
            int n = ((Bound.Literal) r.count()).value();
            LocalType rest = new LocalType.Repeat(new Bound.Literal(n - 1), r.body(), r.cont());
            return unfold(LocalTypes.replaceEnd(r.body(), rest), depth + 1);
        } else if (t instanceof LocalType.Par p) {
            List<LocalType> branches = new ArrayList<>();
            for (LocalType b : p.branches()) {
                branches.add(unfold(b, depth + 1));
            }
            LocalType par = new LocalType.Par(branches, p.cont());
            return LocalSemantics.isFinished(par) ? unfold(p.cont(), depth + 1) : par;
        }
        return t;
    }

    /** The first choice (in branch order) this participant must decide before it can act, if any. */
    public static Optional<LocalType.Select> pendingChoice(LocalType unfolded) {
        if (unfolded instanceof LocalType.Select s) {
            return Optional.of(s);
        } else if (unfolded instanceof LocalType.Par p) {
            for (LocalType b : p.branches()) {
                Optional<LocalType.Select> inner = pendingChoice(b);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    /** Takes branch {@code label} of the {@link #pendingChoice pending choice}, and unfolds what follows. */
    public static LocalType applyChoice(LocalType unfolded, String label) {
        LocalType t = replaceFirstChoice(unfolded, label);
        if (t == null) {
            throw new IllegalStateException("no choice is pending, cannot take branch '" + label + "'");
        }
        return unfold(t);
    }

    private static LocalType replaceFirstChoice(LocalType t, String label) {
        if (t instanceof LocalType.Select s) {
            return s.branches().stream().filter(b -> b.label().equals(label)).findFirst()
                    .map(LocalType.Branch::type)
                    .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not one of "
                            + s.branches().stream().map(LocalType.Branch::label).toList()));
        } else if (t instanceof LocalType.Par p) {
            for (int i = 0; i < p.branches().size(); i++) {
                LocalType replaced = replaceFirstChoice(p.branches().get(i), label);
                if (replaced != null) {
                    List<LocalType> branches = new ArrayList<>(p.branches());
                    branches.set(i, replaced);
                    return new LocalType.Par(branches, p.cont());
                }
            }
        }
        return null;
    }

    /** The first send this participant can make now, if any. */
    public static Optional<LocalSemantics.Move> nextSend(LocalType unfolded) {
        if (unfolded instanceof LocalType.Recv || unfolded instanceof LocalType.Offer) {
            return Optional.empty();
        }
        for (LocalSemantics.Move m : LocalSemantics.moves(unfolded)) {
            if (m.action().kind() == Action.Kind.SEND) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The receives from {@code peer} this participant accepts now. */
    public static List<LocalSemantics.Move> receivesFrom(LocalType unfolded, String peer) {
        List<LocalSemantics.Move> out = new ArrayList<>(2);
        for (LocalSemantics.Move m : LocalSemantics.moves(unfolded)) {
            if (m.action().kind() == Action.Kind.RECEIVE && m.action().peer().equals(peer)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The move that sends {@code label} to {@code peer}, or receives it from {@code peer}. */
    public static LocalSemantics.Move move(LocalType unfolded, Action.Kind kind, String peer, String label) {
        return LocalSemantics.moves(unfolded).stream()
                .filter(m -> m.action().kind() == kind && m.action().peer().equals(peer)
                        && m.action().label().equals(label))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + kind + " " + peer + " " + label
                        + " possible here"));
    }

    /** True when the participant has nothing left to do. */
    public static boolean isFinished(LocalType unfolded) {
        return LocalSemantics.isFinished(unfolded);
    }
}
