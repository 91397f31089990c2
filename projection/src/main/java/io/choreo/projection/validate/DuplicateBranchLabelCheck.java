package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.HashMap;
import java.util.Map;

/** Branch labels of one choice are distinct. */
final class DuplicateBranchLabelCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Choice c) {
                Map<String, Global.Branch> seen = new HashMap<>();
                for (Global.Branch b : c.branches()) {
                    Global.Branch first = seen.putIfAbsent(b.label(), b);
                    if (first != null) {
                        sink.report(Diagnostic.error("E203", "choice " + c.role() + " has two branches labelled '"
                                + b.label() + "'", b.span(), "rename one of them").withRelated(first.span()));
                    }
                }
            }
        });
    }
}
