package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel branches must not both carry a message with the same sender, receiver and label: the receiver could
 * not tell which branch a message belongs to, as interleaving makes their order arbitrary.
 */
final class ParallelConflictCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Par p) {
                Map<String, Global.Comm> owner = new HashMap<>();
                for (int i = 0; i < p.branches().size(); i++) {
                    List<Global.Comm> messages = Traversal.messages(p.branches().get(i));
                    Map<String, Global.Comm> mine = new HashMap<>();
                    for (Global.Comm c : messages) {
                        String key = c.from().role() + "->" + c.to().role() + ":" + c.label();
                        mine.putIfAbsent(key, c);
                    }
                    for (var e : mine.entrySet()) {
                        Global.Comm other = owner.putIfAbsent(e.getKey(), e.getValue());
                        if (other != null) {
                            Global.Comm c = e.getValue();
                            sink.report(Diagnostic.error("E209", "parallel branches both send " + c.label() + " from "
                                    + c.from().role() + " to " + c.to().role(), c.span(),
                                    "use distinct labels in the two branches, or sequence them")
                                    .withRelated(other.span()));
                        }
                    }
                }
            }
        });
    }
}
