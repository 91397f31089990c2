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
        if (t instanceof LocalType.End) {
            return k;
        } else if (t instanceof LocalType.Send s) {
            return new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(), s.implicit(),
                    replaceEnd(s.cont(), k));
        } else if (t instanceof LocalType.Recv r) {
            return new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(), r.implicit(),
                    replaceEnd(r.cont(), k));
        } else if (t instanceof LocalType.Select s) {
            return s.withBranches(s.branches().stream()
                    .map(b -> new LocalType.Branch(b.label(), b.guard(), replaceEnd(b.type(), k))).toList());
        } else if (t instanceof LocalType.Offer o) {
            return new LocalType.Offer(o.peer(), o.branches().stream()
                    .map(b -> new LocalType.Branch(b.label(), b.guard(), replaceEnd(b.type(), k))).toList(), o.origin());
        } else if (t instanceof LocalType.Rec r) {
            return new LocalType.Rec(r.variable(), replaceEnd(r.body(), k));
        } else if (t instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(r.count(), r.body(), replaceEnd(r.cont(), k));
        } else if (t instanceof LocalType.Par p) {
            return new LocalType.Par(p.branches(), replaceEnd(p.cont(), k));
        } else if (t instanceof LocalType.Guarded g) {
            return new LocalType.Guarded(g.condition(), g.body(), replaceEnd(g.cont(), k));
        }
        return t;
    }

    /** {@code body} with free occurrences of {@code variable} replaced by {@code replacement} (rec unfolding). */
    public static LocalType substitute(LocalType body, String variable, LocalType replacement) {
        if (body instanceof LocalType.Var v) {
            return v.variable().equals(variable) ? replacement : v;
        } else if (body instanceof LocalType.Send s) {
            return new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(), s.implicit(),
                    substitute(s.cont(), variable, replacement));
        } else if (body instanceof LocalType.Recv r) {
            return new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(), r.implicit(),
                    substitute(r.cont(), variable, replacement));
        } else if (body instanceof LocalType.Select s) {
            return s.withBranches(s.branches().stream().map(b -> new LocalType.Branch(b.label(), b.guard(),
                    substitute(b.type(), variable, replacement))).toList());
        } else if (body instanceof LocalType.Offer o) {
            return new LocalType.Offer(o.peer(), o.branches().stream().map(b -> new LocalType.Branch(b.label(),
                    b.guard(), substitute(b.type(), variable, replacement))).toList(), o.origin());
        } else if (body instanceof LocalType.Rec r) {
            return r.variable().equals(variable) ? r
                    : new LocalType.Rec(r.variable(), substitute(r.body(), variable, replacement));
        } else if (body instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(r.count(), substitute(r.body(), variable, replacement),
                    substitute(r.cont(), variable, replacement));
        } else if (body instanceof LocalType.Par p) {
            return new LocalType.Par(p.branches().stream().map(b -> substitute(b, variable, replacement)).toList(),
                    substitute(p.cont(), variable, replacement));
        } else if (body instanceof LocalType.Guarded g) {
            return new LocalType.Guarded(g.condition(), substitute(g.body(), variable, replacement),
                    substitute(g.cont(), variable, replacement));
        }
        return body;
    }
}
