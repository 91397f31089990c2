package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.List;
import java.util.Optional;

/**
 * The deciding role of a choice must be the first to act in each branch: everyone else learns from it. A timed
 * choice is checked by {@link TimedChoiceCheck} instead (its decider's first act is waiting, or its clock).
 */
final class ChooserActsFirstCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Choice c && !c.timed()) {
                for (Global.Branch b : c.branches()) {
                    firstOther(c.role(), b.body()).ifPresent(first -> sink.report(Diagnostic.error("E208",
                            "in branch '" + b.label() + "' of choice " + c.role() + ", " + describe(first)
                                    + " acts before " + c.role() + " has told anyone the branch",
                            first.span(), "start the branch with a message sent by " + c.role())
                            .withRelated(c.span())));
                }
            }
        });
    }

    /** The first node of {@code body} that may act before {@code chooser} does, if any. */
    private static Optional<Global> firstOther(String chooser, List<Global> body) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Global g = body.get(0);
        if (g instanceof Global.Comm c) {
            return c.from().isDecider(chooser) ? Optional.empty() : Optional.of(g);
        } else if (g instanceof Global.Choice c) {
            return c.role().equals(chooser) ? Optional.empty() : Optional.of(g);
        } else if (g instanceof Global.Repeat || g instanceof Global.Rec) {
            return firstOther(chooser, Traversal.children(g).get(0));
        } else if (g instanceof Global.Par p) {
            for (List<Global> branch : p.branches()) {
                Optional<Global> other = firstOther(chooser, branch);
                if (other.isPresent()) {
                    return other;
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(Global g) {
        if (g instanceof Global.Comm c) {
            return c.from() + " (sending " + c.label() + ")";
        } else if (g instanceof Global.Choice c) {
            return c.role() + " (deciding a nested choice)";
        }
        return "another role";
    }
}
