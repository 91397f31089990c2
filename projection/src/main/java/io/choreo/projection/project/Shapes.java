package io.choreo.projection.project;

import io.choreo.projection.local.LocalType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** Shapes of local types as the subset construction of a merge compares them. */
final class Shapes {
    private Shapes() {
    }

    /** Whether {@code a} and {@code b} are the same kind of node. */
    static boolean sameKind(LocalType a, LocalType b) {
        return a.getClass() == b.getClass();
    }

    /** Loops with a count, parallel blocks and instance guards that are equal but for their continuations. */
    static boolean sameStructure(LocalType a, LocalType b) {
        if (a instanceof LocalType.Repeat x && b instanceof LocalType.Repeat y) {
            return x.count().equals(y.count()) && x.body().equals(y.body());
        } else if (a instanceof LocalType.Par x && b instanceof LocalType.Par y) {
            return x.branches().equals(y.branches());
        } else if (a instanceof LocalType.Guarded x && b instanceof LocalType.Guarded y) {
            return x.condition().equals(y.condition()) && x.body().equals(y.body());
        }
        return false;
    }

    /** The continuation of a loop with a count, a parallel block or an instance guard. */
    static LocalType cont(LocalType t) {
        if (t instanceof LocalType.Repeat r) {
            return r.cont();
        } else if (t instanceof LocalType.Par p) {
            return p.cont();
        }
        return ((LocalType.Guarded) t).cont();
    }

    /** Every label received from {@code sender} anywhere inside a loop, parallel block or guarded part. */
    static void receivesInside(LocalType t, String sender, Set<String> labels) {
        Deque<LocalType> todo = new ArrayDeque<>(List.of(t));
        Set<LocalType> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            LocalType x = todo.poll();
            if (!seen.add(x)) {
                continue;
            }
            if (x instanceof LocalType.Recv r && r.peer().toString().equals(sender)) {
                labels.add(r.label());
            }
            todo.addAll(Describe.children(x));
        }
    }
}
