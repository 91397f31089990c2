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
        return new Instantiation(bindings, self).apply(parametric);
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
        return LocalTypeRewrite.apply(t, new LocalTypeRewrite.Rule() {
            @Override
            public LocalType replace(LocalType x) {
                return x instanceof LocalType.End || x instanceof LocalType.Var ? x : null;
            }

            @Override
            public LocalType rebuild(LocalType x, List<LocalType> parts) {
                return instantiate(x, parts);
            }
        });
    }

    /** One node of the parametric type, its components already instantiated. */
    private LocalType instantiate(LocalType t, List<LocalType> parts) {
        if (t instanceof LocalType.Send s) {
            LocalType k = parts.get(0);
            List<RoleRef> peers = expand(s.peer(), bindings);
            for (int i = peers.size() - 1; i >= 0; i--) {
                k = new LocalType.Send(peers.get(i), s.message(), s.annotations(), s.origin(), s.implicit(), k);
            }
            return k;
        } else if (t instanceof LocalType.Recv r) {
            LocalType k = parts.get(0);
            List<RoleRef> peers = expand(r.peer(), bindings);
            for (int i = peers.size() - 1; i >= 0; i--) {
                k = new LocalType.Recv(peers.get(i), r.message(), r.annotations(), r.origin(), r.implicit(), k);
            }
            return k;
        } else if (t instanceof LocalType.Select s && s.timed()) {
            // a gather under a deadline: the chain is built from the parametric branches, then instantiated
            java.util.Optional<LocalType> chain = TimedGather.expand(s, bindings);
            if (chain.isPresent()) {
                return apply(chain.get());
            }
        } else if (t instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(new Bound.Literal(bindings.resolve(r.count())), parts.get(0), parts.get(1));
        } else if (t instanceof LocalType.Guarded g) {
            int index = self.orElseThrow(() -> new IllegalStateException("instance guard on a plain role"));
            return g.condition().holds(index, bindings.symbols()) ? LocalTypes.replaceEnd(parts.get(0), parts.get(1))
                    : parts.get(1);
        }
        return LocalTypeRewrite.with(t, parts);
    }
}
