package io.choreo.projection.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints local types in the canonical notation: {@code end}; {@code B!L}; {@code B?L}; {@code ;} for sequence;
 * {@code B+{l1: T1 | l2: T2}}; {@code B&{…}}; {@code rec X.T}; {@code X}; {@code (T1 || T2)}; and, for loops with a
 * count, {@code (T)^n}; for array instances, {@code [i=0] T} or {@code [0<=i<k] T}. Inside a group — loop body,
 * parallel branch, guarded part — the trailing {@code ; end} is left out. The printer works through an explicit
 * list of pieces, so a type as long as its protocol prints in linear time without recursion.
 */
public final class LocalTypePrinter {
    /** Length after which {@link #brief} cuts the text. */
    private static final int BRIEF = 300;

    private LocalTypePrinter() {
    }

    /** A type still to print, and whether it is inside a group. */
    private record Part(LocalType type, boolean inGroup) {
    }

    public static String print(LocalType t) {
        return print(t, Integer.MAX_VALUE);
    }

    /** The canonical notation of {@code t}, cut with {@code …} after a few hundred characters. */
    public static String brief(LocalType t) {
        return print(t, BRIEF);
    }

    private static String print(LocalType root, int limit) {
        StringBuilder out = new StringBuilder();
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.push(new Part(root, false));
        while (!work.isEmpty()) {
            if (out.length() > limit) {
                out.setLength(limit);
                return out.append('…').toString();
            }
            Object next = work.pop();
            if (next instanceof String s) {
                out.append(s);
            } else {
                Part p = (Part) next;
                List<Object> pieces = pieces(p.type(), p.inGroup());
                for (int i = pieces.size() - 1; i >= 0; i--) {
                    work.push(pieces.get(i));
                }
            }
        }
        return out.toString();
    }

    /** The text of {@code t}'s head, with {@link Part}s where its components go. */
    private static List<Object> pieces(LocalType t, boolean inGroup) {
        List<Object> out = new ArrayList<>();
        if (t instanceof LocalType.End) {
            out.add("end");
        } else if (t instanceof LocalType.Send s) {
            out.add(s.peer() + "!" + s.label());
            then(out, s.cont(), inGroup);
        } else if (t instanceof LocalType.Recv r) {
            out.add(r.peer() + "?" + r.label());
            then(out, r.cont(), inGroup);
        } else if (t instanceof LocalType.Select s && s.timed()) {
            timed(out, s, inGroup);
        } else if (t instanceof LocalType.Select s) {
            out.add(LocalTypes.selectPeer(s).map(Object::toString).orElse("") + "+");
            branches(out, s.branches(), inGroup);
        } else if (t instanceof LocalType.Offer o) {
            out.add(LocalTypes.offerPeer(o).map(Object::toString).orElse("") + "&");
            branches(out, o.branches(), inGroup);
        } else if (t instanceof LocalType.Rec r) {
            out.add("rec " + r.variable() + ".");
            out.add(new Part(r.body(), inGroup));
        } else if (t instanceof LocalType.Var v) {
            out.add(v.variable());
        } else if (t instanceof LocalType.Repeat r) {
            out.add("(");
            out.add(new Part(r.body(), true));
            out.add(")^" + r.count());
            then(out, r.cont(), inGroup);
        } else if (t instanceof LocalType.Par p) {
            out.add("(");
            for (int i = 0; i < p.branches().size(); i++) {
                out.add(i == 0 ? "" : " || ");
                out.add(new Part(p.branches().get(i), true));
            }
            out.add(")");
            then(out, p.cont(), inGroup);
        } else if (t instanceof LocalType.Guarded g) {
            boolean simple = g.body() instanceof LocalType.Send s && s.cont() instanceof LocalType.End
                    || g.body() instanceof LocalType.Recv r && r.cont() instanceof LocalType.End;
            out.add("[" + g.condition() + "] " + (simple ? "" : "("));
            out.add(new Part(g.body(), true));
            out.add(simple ? "" : ")");
            then(out, g.cont(), inGroup);
        } else {
            throw new IllegalArgumentException("unknown local type " + t.getClass().getSimpleName());
        }
        return out;
    }

    private static void then(List<Object> out, LocalType cont, boolean inGroup) {
        if (!(inGroup && cont instanceof LocalType.End)) {
            out.add("; ");
            out.add(new Part(cont, inGroup));
        }
    }

    /** {@code Voters[i]&{vote: Voters[i]?Vote; … | timeout(5s): …}}: an external choice with a deadline. */
    private static void timed(List<Object> out, LocalType.Select s, boolean inGroup) {
        String peer = s.branches().stream().map(LocalType.Branch::type)
                .filter(b -> b instanceof LocalType.Recv).map(b -> ((LocalType.Recv) b).peer().toString())
                .findFirst().orElse("");
        String deadline = s.deadline().map(Object::toString).orElse("");
        out.add(peer + "&{");
        for (int i = 0; i < s.branches().size(); i++) {
            LocalType.Branch b = s.branches().get(i);
            String label = b.label().equals(io.choreo.dsl.ast.Deadline.TIMEOUT_BRANCH)
                    ? b.label() + "(" + deadline + ")" : b.label();
            out.add((i == 0 ? "" : " | ") + label + ": ");
            out.add(new Part(b.type(), inGroup));
        }
        out.add("}");
    }

    private static void branches(List<Object> out, List<LocalType.Branch> branches, boolean inGroup) {
        out.add("{");
        for (int i = 0; i < branches.size(); i++) {
            out.add((i == 0 ? "" : " | ") + branches.get(i).label() + ": ");
            out.add(new Part(branches.get(i).type(), inGroup));
        }
        out.add("}");
    }
}
