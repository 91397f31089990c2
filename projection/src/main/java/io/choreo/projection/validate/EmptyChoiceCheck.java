package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;

/** A choice needs branches, and each branch needs at least one statement. */
final class EmptyChoiceCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Choice c) {
                if (c.branches().isEmpty()) {
                    sink.report(Diagnostic.error("E202", "choice " + c.role() + " has no branches", c.span(),
                            "add branches: choice " + c.role() + " { yes: { … } no: { … } }"));
                }
                for (Global.Branch b : c.branches()) {
                    if (b.body().isEmpty()) {
                        sink.report(Diagnostic.error("E202", "branch '" + b.label() + "' of choice " + c.role()
                                + " is empty", b.span(), c.role() + " must tell the others which branch it took: "
                                + "start the branch with a message from " + c.role()));
                    }
                }
            }
        });
    }
}
