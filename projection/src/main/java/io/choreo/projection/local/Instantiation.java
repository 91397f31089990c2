package io.choreo.projection.local;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.projection.bind.ResolvedBindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a parametric local type into the concrete type of one participant once counts are bound: guards are
 * decided for the instance's own index, messages to or from several instances ({@code F[*]}, {@code F[i]},
 * {@code S[0..k]}) become one message per instance in index order, and symbolic loop counts become literals.
 * Every peer of the result is a plain role or an {@link RoleRef.Index.At indexed instance}.
 */
public final class Instantiation {
    private final ResolvedBindings bindings;
    private final Optional<Integer> self;

    private Instantiation(ResolvedBindings bindings, Optional<Integer> self) {
        this.bindings = bindings;
        this.self = self;
    }

    /** The concrete type of a plain role ({@code self} empty) or of instance {@code self} of an array role. */
    public static LocalType concrete(LocalType parametric, ResolvedBindings bindings, Optional<Integer> self) {
        return io.choreo.projection.LargeStack.call(() -> new Instantiation(bindings, self).apply(parametric));
    }

    /** The concrete peers a reference stands for. */
    public static List<RoleRef> expand(RoleRef ref, ResolvedBindings bindings) {
        RoleRef.Index index = ref.index();
        if (index instanceof RoleRef.Index.None || index instanceof RoleRef.Index.At) {
            return List.of(ref);
        }
        int from = 0;
        int to = bindings.count(ref.role());
        if (index instanceof RoleRef.Index.Range range) {
            from = bindings.resolve(range.from());
            to = bindings.resolve(range.to());
        }
        List<RoleRef> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new RoleRef(ref.role(), new RoleRef.Index.At(i), ref.span()));
        }
        return out;
    }

    private LocalType apply(LocalType t) {
        if (t instanceof LocalType.End || t instanceof LocalType.Var) {
            return t;
        } else if (t instanceof LocalType.Send s) {
            LocalType k = apply(s.cont());
            List<RoleRef> peers = expand(s.peer(), bindings);
            for (int i = peers.size() - 1; i >= 0; i--) {
                k = new LocalType.Send(peers.get(i), s.message(), s.annotations(), s.origin(), s.implicit(), k);
            }
            return k;
        } else if (t instanceof LocalType.Recv r) {
            LocalType k = apply(r.cont());
            List<RoleRef> peers = expand(r.peer(), bindings);
            for (int i = peers.size() - 1; i >= 0; i--) {
                k = new LocalType.Recv(peers.get(i), r.message(), r.annotations(), r.origin(), r.implicit(), k);
            }
            return k;
        } else if (t instanceof LocalType.Select s && s.timed()) {
            return TimedGather.expand(s, bindings).map(this::apply).orElseGet(() -> s.withBranches(branches(s.branches())));
        } else if (t instanceof LocalType.Select s) {
            return s.withBranches(branches(s.branches()));
        } else if (t instanceof LocalType.Offer o) {
            return new LocalType.Offer(o.peer(), branches(o.branches()), o.origin());
        } else if (t instanceof LocalType.Rec r) {
            return new LocalType.Rec(r.variable(), apply(r.body()));
        } else if (t instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(new Bound.Literal(bindings.resolve(r.count())), apply(r.body()),
                    apply(r.cont()));
        } else if (t instanceof LocalType.Par p) {
            return new LocalType.Par(p.branches().stream().map(this::apply).toList(), apply(p.cont()));
        } else if (t instanceof LocalType.Guarded g) {
            int index = self.orElseThrow(() -> new IllegalStateException("instance guard on a plain role"));
            LocalType k = apply(g.cont());
            return g.condition().holds(index, bindings.symbols()) ? LocalTypes.replaceEnd(apply(g.body()), k) : k;
        }
        throw new IllegalArgumentException("unknown local type " + t);
    }

    private List<LocalType.Branch> branches(List<LocalType.Branch> branches) {
        return branches.stream().map(b -> new LocalType.Branch(b.label(), b.guard(), apply(b.type()))).toList();
    }
}
