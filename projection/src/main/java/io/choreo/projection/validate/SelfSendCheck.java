package io.choreo.projection.validate;

import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;

/**
 * A role cannot message itself. Instances of one array may message each other only when both are named by
 * distinct literal indices ({@code W[0] -> W[1]}), or a literal index and a range that surely excludes it
 * ({@code W[0] -> W[1..N]}); {@code F[i] -> F[*]} and the like would include self-sends.
 */
final class SelfSendCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        for (var c : Traversal.messages(protocol.body())) {
            if (!c.from().role().equals(c.to().role())) {
                continue;
            }
            boolean distinctInstances = c.from().index() instanceof RoleRef.Index.At a
                    && (c.to().index() instanceof RoleRef.Index.At b && a.index() != b.index()
                    || c.to().index() instanceof RoleRef.Index.Range r && outside(a.index(), r));
            if (!distinctInstances) {
                sink.report(Diagnostic.error("E201", "role '" + c.from() + "' sends " + c.label() + " to itself"
                        + (c.to().toString().equals(c.from().toString()) ? "" : " (" + c.to() + " includes it)"),
                        c.span(), "a message needs two different roles; compute locally instead"));
            }
        }
    }

    /** Whether instance {@code i} is surely outside the range (by its literal bounds). */
    private static boolean outside(int i, RoleRef.Index.Range r) {
        return r.from() instanceof io.choreo.dsl.ast.Bound.Literal lo && lo.value() > i
                || r.to() instanceof io.choreo.dsl.ast.Bound.Literal hi && hi.value() <= i;
    }
}
