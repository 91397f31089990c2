package io.choreo.simulation.check;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Deadline;
import io.choreo.projection.check.LocalSemantics;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Timed choices for the conformance check: the choice a type starts with, its timeout branch, its other moves. */
final class TimedHead {
    /** Unfoldings of recursion and loops looked through for the head of a type. */
    private static final int MAX_UNFOLDINGS = 64;

    private TimedHead() {
    }

    /** The timed choice {@code t} starts with, looking through recursion and counted loops. */
    static Optional<LocalType.Select> of(LocalType t) {
        LocalType u = LocalSemantics.normalize(t);
        for (int i = 0; i < MAX_UNFOLDINGS; i++) {
            if (u instanceof LocalType.Select s) {
                return s.timed() ? Optional.of(s) : Optional.empty();
            } else if (u instanceof LocalType.Rec r) {
                u = LocalSemantics.normalize(LocalTypes.substitute(r.body(), r.variable(), r));
            } else if (u instanceof LocalType.Repeat r && r.count() instanceof Bound.Literal l) {
                LocalType rest = new LocalType.Repeat(new Bound.Literal(l.value() - 1), r.body(), r.cont());
                u = LocalSemantics.normalize(LocalTypes.replaceEnd(r.body(), rest));
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** What remains after the deadline passed, if {@code t} starts with a timed choice. */
    static Optional<LocalType> timeoutBranch(LocalType t) {
        return of(t).flatMap(s -> s.branches().stream().filter(b -> b.label().equals(Deadline.TIMEOUT_BRANCH))
                .map(LocalType.Branch::type).findFirst());
    }

    /** The moves of {@code t}; at a timed choice only those of the branches a message decides. */
    static List<LocalSemantics.Move> moves(LocalType t) {
        Optional<LocalType.Select> timed = of(t);
        if (timed.isEmpty()) {
            return LocalSemantics.moves(t);
        }
        List<LocalSemantics.Move> out = new ArrayList<>();
        for (LocalType.Branch b : timed.get().branches()) {
            if (!b.label().equals(Deadline.TIMEOUT_BRANCH)) {
                out.addAll(LocalSemantics.moves(b.type()));
            }
        }
        return out;
    }
}
