package io.choreo.projection.local;

import java.util.stream.Collectors;

/**
 * Prints local types in the canonical notation: {@code end}; {@code B!L}; {@code B?L}; {@code ;} for sequence;
 * {@code B+{l1: T1 | l2: T2}}; {@code B&{…}}; {@code rec X.T}; {@code X}; {@code (T1 || T2)}; and, for loops with a
 * count, {@code (T)^n}; for array instances, {@code [i=0] T} or {@code [0<=i<k] T}. Inside a group — loop body,
 * parallel branch, guarded part — the trailing {@code ; end} is left out.
 */
public final class LocalTypePrinter {
    private LocalTypePrinter() {
    }

    public static String print(LocalType t) {
        return io.choreo.projection.LargeStack.call(() -> print(t, false));
    }

    private static String print(LocalType t, boolean inGroup) {
        if (t instanceof LocalType.End) {
            return "end";
        } else if (t instanceof LocalType.Send s) {
            return s.peer() + "!" + s.label() + then(s.cont(), inGroup);
        } else if (t instanceof LocalType.Recv r) {
            return r.peer() + "?" + r.label() + then(r.cont(), inGroup);
        } else if (t instanceof LocalType.Select s && s.timed()) {
            return timed(s, inGroup);
        } else if (t instanceof LocalType.Select s) {
            String peer = LocalTypes.selectPeer(s).map(Object::toString).orElse("");
            return peer + "+" + branches(s.branches(), inGroup);
        } else if (t instanceof LocalType.Offer o) {
            return LocalTypes.offerPeer(o).map(Object::toString).orElse("") + "&" + branches(o.branches(), inGroup);
        } else if (t instanceof LocalType.Rec r) {
            return "rec " + r.variable() + "." + print(r.body(), inGroup);
        } else if (t instanceof LocalType.Var v) {
            return v.variable();
        } else if (t instanceof LocalType.Repeat r) {
            return "(" + print(r.body(), true) + ")^" + r.count() + then(r.cont(), inGroup);
        } else if (t instanceof LocalType.Par p) {
            return p.branches().stream().map(b -> print(b, true)).collect(Collectors.joining(" || ", "(", ")"))
                    + then(p.cont(), inGroup);
        } else if (t instanceof LocalType.Guarded g) {
            String body = print(g.body(), true);
            boolean simple = g.body() instanceof LocalType.Send s && s.cont() instanceof LocalType.End
                    || g.body() instanceof LocalType.Recv r && r.cont() instanceof LocalType.End;
            return "[" + g.condition() + "] " + (simple ? body : "(" + body + ")") + then(g.cont(), inGroup);
        }
        throw new IllegalArgumentException("unknown local type " + t);
    }

    private static String then(LocalType cont, boolean inGroup) {
        if (inGroup && cont instanceof LocalType.End) {
            return "";
        }
        return "; " + print(cont, inGroup);
    }

    /** {@code Voters[i]&{vote: Voters[i]?Vote; … | timeout(5s): …}}: an external choice with a deadline. */
    private static String timed(LocalType.Select s, boolean inGroup) {
        String peer = s.branches().stream().map(LocalType.Branch::type)
                .filter(b -> b instanceof LocalType.Recv).map(b -> ((LocalType.Recv) b).peer().toString())
                .findFirst().orElse("");
        String deadline = s.deadline().map(Object::toString).orElse("");
        return peer + "&" + s.branches().stream().map(b -> (b.label().equals(io.choreo.dsl.ast.Deadline.TIMEOUT_BRANCH)
                ? b.label() + "(" + deadline + ")" : b.label()) + ": " + print(b.type(), inGroup))
                .collect(Collectors.joining(" | ", "{", "}"));
    }

    private static String branches(java.util.List<LocalType.Branch> branches, boolean inGroup) {
        return branches.stream().map(b -> b.label() + ": " + print(b.type(), inGroup))
                .collect(Collectors.joining(" | ", "{", "}"));
    }
}
