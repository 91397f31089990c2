package io.choreo.projection.project;

import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.source.Span;
import io.choreo.projection.global.Global;
import io.choreo.projection.local.LocalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Full merge of the branch projections of a role that does not decide a choice. Identical projections merge to
 * themselves. Otherwise every branch must begin by receiving from one and the same peer; branches are unioned by
 * their first message label into an external choice, and branches that share a first label have their
 * continuations merged recursively. Anything else is a knowledge-of-choice error naming the role and both places.
 */
final class Merger {
    private final String role;
    private final DiagnosticSink sink;

    Merger(String role, DiagnosticSink sink) {
        this.role = role;
        this.sink = sink;
    }

    /** A branch's projection with where it came from. */
    record Candidate(String label, Optional<Expr> guard, LocalType type, Span span) {
    }

    private static final class MergeFailure extends Exception {
        final Candidate left;
        final Candidate right;
        final String reason;

        MergeFailure(Candidate left, Candidate right, String reason) {
            super(reason, null, false, false);
            this.left = left;
            this.right = right;
            this.reason = reason;
        }
    }

    LocalType merge(Global.Choice choice, List<Candidate> branches) {
        try {
            return merge(branches);
        } catch (MergeFailure f) {
            String where = "choice " + choice.role() + " at line " + choice.span().line();
            sink.report(Diagnostic.error("E210", "knowledge of choice: role '" + role + "' cannot tell which branch of "
                    + where + " was taken: in branch '" + f.left.label() + "' it " + describe(f.left.type())
                    + ", in branch '" + f.right.label() + "' it " + describe(f.right.type()) + " (" + f.reason + ")",
                    spanOf(f.left), "make " + choice.role() + " send '" + role
                            + "' a message with a distinct label first in each branch, or make '" + role
                            + "' behave the same in all branches").withRelated(spanOf(f.right)));
            return branches.get(0).type();
        }
    }

    private LocalType merge(List<Candidate> branches) throws MergeFailure {
        LocalType first = branches.get(0).type();
        if (branches.stream().allMatch(b -> b.type().equals(first))) {
            return first;
        }
        List<Candidate> entries = new ArrayList<>();
        for (Candidate b : branches) {
            if (b.type() instanceof LocalType.Recv) {
                entries.add(b);
            } else if (b.type() instanceof LocalType.Offer o) {
                for (LocalType.Branch ob : o.branches()) {
                    entries.add(new Candidate(ob.label(), Optional.empty(), ob.type(), b.span()));
                }
            } else {
                Candidate other = branches.stream().filter(x -> x != b).findFirst().orElse(b);
                throw new MergeFailure(other, b, "it is not told the branch by a message it receives first");
            }
        }
        LocalType.Recv head = (LocalType.Recv) entries.get(0).type();
        Map<String, Candidate> byLabel = new LinkedHashMap<>();
        for (Candidate e : entries) {
            LocalType.Recv recv = (LocalType.Recv) e.type();
            if (!recv.peer().toString().equals(head.peer().toString())) {
                throw new MergeFailure(entries.get(0), e, "the first messages come from different roles, "
                        + head.peer() + " and " + recv.peer() + ", so their order is not guaranteed");
            }
            Candidate seen = byLabel.get(recv.label());
            if (seen == null) {
                byLabel.put(recv.label(), e);
            } else if (!seen.type().equals(e.type())) {
                LocalType.Recv a = (LocalType.Recv) seen.type();
                LocalType merged;
                try {
                    merged = merge(List.of(new Candidate(seen.label(), Optional.empty(), a.cont(), seen.span()),
                            new Candidate(e.label(), Optional.empty(), recv.cont(), e.span())));
                } catch (MergeFailure inner) {
                    throw new MergeFailure(seen, e, "both branches start with " + recv.peer() + "?" + recv.label()
                            + " and differ afterwards");
                }
                byLabel.put(recv.label(), new Candidate(seen.label(), Optional.empty(),
                        new LocalType.Recv(a.peer(), a.message(), a.annotations(), a.origin(), a.implicit(), merged),
                        seen.span()));
            }
        }
        if (byLabel.size() == 1) {
            return byLabel.values().iterator().next().type();
        }
        return new LocalType.Offer(head.peer(), byLabel.values().stream()
                .map(c -> new LocalType.Branch(c.label(), Optional.empty(), c.type())).toList(), head.origin());
    }

    private static Span spanOf(Candidate c) {
        Span s = origin(c.type());
        return s.isNone() ? c.span() : s;
    }

    private static Span origin(LocalType t) {
        if (t instanceof LocalType.Send s) {
            return s.origin();
        } else if (t instanceof LocalType.Recv r) {
            return r.origin();
        } else if (t instanceof LocalType.Offer o) {
            return o.origin();
        } else if (t instanceof LocalType.Select s) {
            return s.origin();
        } else if (t instanceof LocalType.Guarded g) {
            return origin(g.body());
        }
        return Span.NONE;
    }

    private static String describe(LocalType t) {
        if (t instanceof LocalType.End) {
            return "does nothing more";
        } else if (t instanceof LocalType.Send s) {
            return "sends " + s.label() + " to " + s.peer();
        } else if (t instanceof LocalType.Recv r) {
            return "receives " + r.label() + " from " + r.peer();
        } else if (t instanceof LocalType.Var v) {
            return "goes back to " + v.variable();
        } else if (t instanceof LocalType.Offer o) {
            return "waits for a branch from " + o.peer();
        } else if (t instanceof LocalType.Select) {
            return "makes a choice";
        } else if (t instanceof LocalType.Guarded g) {
            return "(for instances " + g.condition() + ") " + describe(g.body());
        }
        return "runs " + io.choreo.projection.local.LocalTypePrinter.print(t);
    }
}
