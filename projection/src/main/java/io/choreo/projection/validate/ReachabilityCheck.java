package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import java.util.List;
import java.util.Optional;

/**
 * Statements the protocol can never reach are errors, never silently dropped: anything after a {@code continue},
 * after a {@code rec} whose every path continues, after a choice whose every branch continues, or after a parallel
 * block with a branch that never ends.
 */
final class ReachabilityCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        walk(protocol.body(), sink);
    }

    /** Why the list cannot complete, or empty if it can; reports unreachable statements inside it. */
    private Optional<String> walk(List<Global> body, DiagnosticSink sink) {
        Optional<String> blocked = Optional.empty();
        for (int i = 0; i < body.size(); i++) {
            Global g = body.get(i);
            if (blocked.isPresent()) {
                sink.report(Diagnostic.error("E214", "unreachable: the protocol never gets here because "
                        + blocked.get(), g.span(), "remove the statement, or let the protocol get past what "
                        + "comes before it (a branch without continue, a loop that ends)"));
                return blocked;
            }
            blocked = completes(g, sink);
        }
        return blocked;
    }

    private Optional<String> completes(Global g, DiagnosticSink sink) {
        if (g instanceof Global.Continue c) {
            return Optional.of("continue " + c.label() + " at line " + c.span().line() + " jumps back");
        } else if (g instanceof Global.Choice c) {
            boolean any = false;
            for (Global.Branch b : c.branches()) {
                any |= walk(b.body(), sink).isEmpty();
            }
            return any || c.branches().isEmpty() ? Optional.empty()
                    : Optional.of("no branch of choice " + c.role() + " at line " + c.span().line() + " ends");
        } else if (g instanceof Global.Rec r) {
            return walk(r.body(), sink).map(x -> "rec " + r.label() + " at line " + r.span().line()
                    + " never ends: every path in it continues");
        } else if (g instanceof Global.Repeat r) {
            return walk(r.body(), sink).map(x -> "the loop at line " + r.span().line() + " never ends");
        } else if (g instanceof Global.Par p) {
            Optional<String> out = Optional.empty();
            for (List<Global> branch : p.branches()) {
                Optional<String> b = walk(branch, sink);
                if (b.isPresent() && out.isEmpty()) {
                    out = Optional.of("a branch of the parallel block at line " + p.span().line() + " never ends");
                }
            }
            return out;
        }
        return Optional.empty();
    }
}
