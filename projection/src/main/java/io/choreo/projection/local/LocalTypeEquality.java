package io.choreo.projection.local;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Value equality of local types, decided by a walk over pairs of nodes with an explicit work list, so comparing two
 * types as long as a protocol never recurses. The cached hashes reject most unequal pairs at once; pairs already
 * compared are skipped, so shared continuations are compared once.
 */
final class LocalTypeEquality {
    private LocalTypeEquality() {
    }

    /** Identity of a pair of nodes under comparison. */
    private record Pair(LocalType a, LocalType b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(a) + System.identityHashCode(b);
        }
    }

    static boolean equal(LocalType first, LocalType second) {
        ArrayDeque<Pair> work = new ArrayDeque<>();
        Set<Pair> seen = new HashSet<>();
        work.push(new Pair(first, second));
        while (!work.isEmpty()) {
            Pair p = work.pop();
            LocalType a = p.a();
            LocalType b = p.b();
            if (a == b) {
                continue;
            }
            if (a == null || b == null || a.getClass() != b.getClass() || a.hashCode() != b.hashCode()) {
                return false;
            }
            if (!(a instanceof LocalType.Node) && !a.equals(b)) {
                return false;
            }
            if (a instanceof LocalType.Node && seen.add(p) && !sameHead(a, b, work)) {
                return false;
            }
        }
        return true;
    }

    /** Compares the components of two nodes of one class that are not local types; queues those that are. */
    private static boolean sameHead(LocalType a, LocalType b, ArrayDeque<Pair> work) {
        if (a instanceof LocalType.Message x && b instanceof LocalType.Message y) {
            work.push(new Pair(x.cont(), y.cont()));
            return x.peer().equals(y.peer()) && x.message().equals(y.message())
                    && x.annotations().equals(y.annotations()) && Objects.equals(x.origin(), y.origin())
                    && x.implicit() == y.implicit();
        } else if (a instanceof LocalType.Select x && b instanceof LocalType.Select y) {
            return Objects.equals(x.origin(), y.origin()) && x.deadline().equals(y.deadline())
                    && sameBranches(x.branches(), y.branches(), work);
        } else if (a instanceof LocalType.Offer x && b instanceof LocalType.Offer y) {
            return Objects.equals(x.peer(), y.peer()) && Objects.equals(x.origin(), y.origin())
                    && sameBranches(x.branches(), y.branches(), work);
        } else if (a instanceof LocalType.Rec x && b instanceof LocalType.Rec y) {
            work.push(new Pair(x.body(), y.body()));
            return x.variable().equals(y.variable());
        } else if (a instanceof LocalType.Repeat x && b instanceof LocalType.Repeat y) {
            work.push(new Pair(x.body(), y.body()));
            work.push(new Pair(x.cont(), y.cont()));
            return x.count().equals(y.count());
        } else if (a instanceof LocalType.Par x && b instanceof LocalType.Par y) {
            if (x.branches().size() != y.branches().size()) {
                return false;
            }
            for (int i = 0; i < x.branches().size(); i++) {
                work.push(new Pair(x.branches().get(i), y.branches().get(i)));
            }
            work.push(new Pair(x.cont(), y.cont()));
            return true;
        } else if (a instanceof LocalType.Guarded x && b instanceof LocalType.Guarded y) {
            work.push(new Pair(x.body(), y.body()));
            work.push(new Pair(x.cont(), y.cont()));
            return x.condition().equals(y.condition());
        }
        return false;
    }

    private static boolean sameBranches(List<LocalType.Branch> x, List<LocalType.Branch> y, ArrayDeque<Pair> work) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            LocalType.Branch bx = x.get(i);
            LocalType.Branch by = y.get(i);
            if (!bx.label().equals(by.label()) || !bx.guard().equals(by.guard())) {
                return false;
            }
            work.push(new Pair(bx.type(), by.type()));
        }
        return true;
    }
}
