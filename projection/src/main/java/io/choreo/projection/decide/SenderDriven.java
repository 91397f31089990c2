package io.choreo.projection.decide;

import io.choreo.dsl.source.Span;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.List;

/**
 * The fragment the decision is exact on (CAV 2023's sender-driven choice): in every branch of a choice the decider
 * acts first. A branch that is empty or starts with a {@code continue} lets the decider "choose" without doing
 * anything, and the subset construction cannot tell that such a choice is merely postponed.
 */
final class SenderDriven {
    private SenderDriven() {
    }

    /** The first choice with a branch in which its decider does not act first, or {@link Span#NONE}. */
    static Span firstViolation(GlobalProtocol protocol) {
        Span[] found = {Span.NONE};
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Choice c && found[0].isNone()) {
                for (Global.Branch b : c.branches()) {
                    if (!startsWithDecider(b.body(), c.deciderRole())) {
                        found[0] = c.span();
                    }
                }
            }
        });
        return found[0];
    }

    private static boolean startsWithDecider(List<Global> body, String decider) {
        List<Global> cur = body;
        while (!cur.isEmpty() && cur.get(0) instanceof Global.Rec r) {
            cur = r.body();
        }
        if (cur.isEmpty()) {
            return false;
        }
        Global first = cur.get(0);
        return first instanceof Global.Comm c ? c.from().role().equals(decider)
                : !(first instanceof Global.Continue);
    }
}
