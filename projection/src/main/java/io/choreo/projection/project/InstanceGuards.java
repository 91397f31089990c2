package io.choreo.projection.project;

import io.choreo.projection.local.IndexCondition;
import io.choreo.projection.local.LocalType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Simplifies an array role's parametric local type for the instances other than {@code k}: parts guarded by
 * {@code i=k} do not concern them. Used when instance {@code k} decides a choice and the other instances merge
 * its branches.
 */
final class InstanceGuards {
    private final int k;
    private final Map<LocalType, LocalType> memo = new IdentityHashMap<>();

    private InstanceGuards(int k) {
        this.k = k;
    }

    static LocalType without(LocalType t, int k) {
        return new InstanceGuards(k).apply(t);
    }

    private LocalType apply(LocalType t) {
        LocalType done = memo.get(t);
        if (done == null) {
            done = rewrite(t);
            memo.put(t, done);
        }
        return done;
    }

    private LocalType rewrite(LocalType t) {
        if (t instanceof LocalType.Guarded g) {
            if (g.condition() instanceof IndexCondition.Equals e && e.index() == k) {
                return apply(g.cont());
            }
            return new LocalType.Guarded(g.condition(), apply(g.body()), apply(g.cont()));
        } else if (t instanceof LocalType.Send s) {
            return new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(), s.implicit(),
                    apply(s.cont()));
        } else if (t instanceof LocalType.Recv r) {
            return new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(), r.implicit(),
                    apply(r.cont()));
        } else if (t instanceof LocalType.Select s) {
            return s.withBranches(s.branches().stream()
                    .map(b -> new LocalType.Branch(b.label(), b.guard(), apply(b.type()))).toList());
        } else if (t instanceof LocalType.Offer o) {
            return new LocalType.Offer(o.peer(), o.branches().stream()
                    .map(b -> new LocalType.Branch(b.label(), b.guard(), apply(b.type()))).toList(), o.origin());
        } else if (t instanceof LocalType.Rec r) {
            return new LocalType.Rec(r.variable(), apply(r.body()));
        } else if (t instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(r.count(), apply(r.body()), apply(r.cont()));
        } else if (t instanceof LocalType.Par p) {
            return new LocalType.Par(p.branches().stream().map(this::apply).toList(), apply(p.cont()));
        }
        return t;
    }
}
