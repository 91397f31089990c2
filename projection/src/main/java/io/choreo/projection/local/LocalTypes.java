package io.choreo.projection.local;

import io.choreo.dsl.ast.RoleRef;
import java.util.Optional;

/** Queries over local types shared by printers, checkers and the runtime. */
public final class LocalTypes {
    private LocalTypes() {
    }

    /** The peer every branch of an internal choice sends to first, if it is the same in all branches. */
    public static Optional<RoleRef> selectPeer(LocalType.Select s) {
        RoleRef peer = null;
        for (LocalType.Branch b : s.branches()) {
            Optional<RoleRef> first = firstSendPeer(b.type());
            if (first.isEmpty() || peer != null && !peer.toString().equals(first.get().toString())) {
                return Optional.empty();
            }
            peer = first.get();
        }
        return Optional.ofNullable(peer);
    }

    /** The peer every branch of an external choice receives from first, if it is the same in all branches. */
    public static Optional<RoleRef> offerPeer(LocalType.Offer o) {
        RoleRef peer = null;
        for (LocalType.Branch b : o.branches()) {
            if (!(b.type() instanceof LocalType.Recv r)
                    || peer != null && !peer.toString().equals(r.peer().toString())) {
                return Optional.empty();
            }
            peer = r.peer();
        }
        return Optional.ofNullable(peer == null ? o.peer() : peer);
    }

    private static Optional<RoleRef> firstSendPeer(LocalType t) {
        if (t instanceof LocalType.Send s) {
            return Optional.of(s.peer());
        } else if (t instanceof LocalType.Select s) {
            return selectPeer(s);
        } else if (t instanceof LocalType.Guarded g) {
            return firstSendPeer(g.body());
        }
        return Optional.empty();
    }

    /** {@code t} with every {@code end} it finishes with replaced by {@code k} (sequencing). */
    public static LocalType replaceEnd(LocalType t, LocalType k) {
        return LocalTypeRewrite.apply(t, new LocalTypeRewrite.Rule() {
            @Override
            public LocalType replace(LocalType x) {
                return x instanceof LocalType.End ? k : x instanceof LocalType.Var ? x : null;
            }

            @Override
            public boolean descends(LocalType x, int slot) {
                // a loop's or parallel's or guarded part's body ends in itself; only what follows it continues
                if (x instanceof LocalType.Repeat || x instanceof LocalType.Guarded) {
                    return slot == 1;
                }
                return !(x instanceof LocalType.Par p) || slot == p.branches().size();
            }
        });
    }

    /** {@code body} with free occurrences of {@code variable} replaced by {@code replacement} (rec unfolding). */
    public static LocalType substitute(LocalType body, String variable, LocalType replacement) {
        return LocalTypeRewrite.apply(body, x -> x instanceof LocalType.Var v
                ? (v.variable().equals(variable) ? replacement : v)
                : x instanceof LocalType.Rec r && r.variable().equals(variable) ? r
                : x instanceof LocalType.End ? x : null);
    }

    /**
     * Whether some node of {@code t} satisfies {@code found}, without looking inside nodes that satisfy
     * {@code prune}. Iterative, and each shared node is visited once.
     */
    public static boolean anyNode(LocalType t, java.util.function.Predicate<LocalType> found,
                                  java.util.function.Predicate<LocalType> prune) {
        java.util.ArrayDeque<LocalType> work = new java.util.ArrayDeque<>();
        java.util.Set<LocalType> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        work.push(t);
        while (!work.isEmpty()) {
            LocalType x = work.pop();
            if (!seen.add(x)) {
                continue;
            }
            if (found.test(x)) {
                return true;
            }
            if (!prune.test(x)) {
                LocalTypeRewrite.components(x).forEach(work::push);
            }
        }
        return false;
    }
}
