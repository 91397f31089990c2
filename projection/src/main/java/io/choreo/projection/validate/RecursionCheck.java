package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code continue L} must sit inside {@code rec L}, must not leave a parallel branch, and must be guarded: at least
 * one message on every path from {@code rec L} to it.
 */
final class RecursionCheck implements ValidationPass {
    private record Scope(String label, boolean guarded, int parallelDepth, int loopDepth) {
    }

    private int loopDepth;

    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        walk(protocol.body(), new ArrayDeque<>(), 0, sink);
    }

    /** Walks a statement list; returns the scopes as updated by messages seen along the way. */
    private Deque<Scope> walk(List<Global> body, Deque<Scope> scopes, int parallelDepth, DiagnosticSink sink) {
        Deque<Scope> current = scopes;
        for (Global g : body) {
            if (g instanceof Global.Comm) {
                current = guardAll(current);
            } else if (g instanceof Global.Continue c) {
                Scope target = current.stream().filter(s -> s.label().equals(c.label())).findFirst().orElse(null);
                if (target == null) {
                    sink.report(Diagnostic.error("E205", "continue " + c.label() + " is not inside rec "
                            + c.label(), c.span(), scopes.isEmpty() ? "wrap the repeated part in rec "
                            + c.label() + " { … }" : "enclosing recursion labels: "
                            + String.join(", ", current.stream().map(Scope::label).toList())));
                } else if (!target.guarded()) {
                    sink.report(Diagnostic.error("E204", "unguarded recursion: continue " + c.label()
                            + " is reached without any message since rec " + c.label(), c.span(),
                            "put at least one message between rec " + c.label() + " and continue " + c.label()));
                } else if (target.parallelDepth() != parallelDepth) {
                    sink.report(Diagnostic.error("E212", "continue " + c.label() + " jumps out of a parallel branch",
                            c.span(), "finish the parallel block first, then continue " + c.label()));
                } else if (target.loopDepth() != loopDepth) {
                    sink.report(Diagnostic.error("E218", "continue " + c.label() + " jumps out of a loop with a count",
                            c.span(), "a loop with a count runs all its iterations; use rec " + c.label()
                                    + " inside the loop, or a loop (decides: R)"));
                }
            } else if (g instanceof Global.Rec r) {
                Deque<Scope> inner = new ArrayDeque<>(current);
                inner.push(new Scope(r.label(), false, parallelDepth, loopDepth));
                Deque<Scope> after = new ArrayDeque<>(walk(r.body(), inner, parallelDepth, sink));
                after.pollFirst();
                if (sameLabelsAllGuarded(after, current)) {
                    current = guardAll(current);
                }
            } else if (g instanceof Global.Choice c) {
                boolean allGuard = !c.branches().isEmpty();
                for (Global.Branch b : c.branches()) {
                    Deque<Scope> after = walk(b.body(), new ArrayDeque<>(current), parallelDepth, sink);
                    allGuard &= sameLabelsAllGuarded(after, current);
                }
                if (allGuard) {
                    current = guardAll(current);
                }
            } else if (g instanceof Global.Repeat rep) {
                loopDepth++;
                current = walk(rep.body(), new ArrayDeque<>(current), parallelDepth, sink);
                loopDepth--;
            } else if (g instanceof Global.Par p) {
                boolean anyGuard = false;
                for (List<Global> branch : p.branches()) {
                    Deque<Scope> after = walk(branch, new ArrayDeque<>(current), parallelDepth + 1, sink);
                    anyGuard |= sameLabelsAllGuarded(after, current);
                }
                if (anyGuard) {
                    current = guardAll(current);
                }
            }
        }
        return current;
    }

    private static boolean sameLabelsAllGuarded(Deque<Scope> after, Deque<Scope> before) {
        return before.isEmpty() || after.stream().allMatch(Scope::guarded);
    }

    private static Deque<Scope> guardAll(Deque<Scope> scopes) {
        Deque<Scope> out = new ArrayDeque<>();
        scopes.descendingIterator().forEachRemaining(s -> out.push(new Scope(s.label(), true, s.parallelDepth(),
                s.loopDepth())));
        return out;
    }
}
