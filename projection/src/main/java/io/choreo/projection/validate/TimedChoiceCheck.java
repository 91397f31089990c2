package io.choreo.projection.validate;

import io.choreo.dsl.ast.Deadline;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.ArrayList;
import java.util.List;

/**
 * Well-formedness of timed choices ({@code choice R within 5s { vote: { V -> R: Vote; … } timeout: { … } }}):
 * <ul>
 *   <li>E240: a timed choice has exactly one {@code timeout} branch;</li>
 *   <li>E241: every other branch starts with the message R waits for (sent to R) — the awaited message;</li>
 *   <li>E242 (the late-message race): the sender of an awaited message cannot know that R's deadline passed, so it
 *       sends anyway; the timeout branch must consume that late message, or it would be an orphan. With one awaited
 *       message the branch may act first and consume it anywhere in its top-level sequence (E244 otherwise, see
 *       {@link LateConsumption}); with several, it consumes them first;</li>
 *   <li>E243: a timed choice is not inside a {@code parallel} block.</li>
 * </ul>
 */
final class TimedChoiceCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        java.util.Set<Global> inParallel = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Choice c && c.timed()) {
                check(c, sink);
            } else if (g instanceof Global.Par p) {
                p.branches().forEach(b -> Traversal.forEach(b, n -> {
                    if (n instanceof Global.Choice c && c.timed() && inParallel.add(c)) {
                        sink.report(Diagnostic.error("E243", "timed choice " + c.role() + " inside a parallel "
                                + "block: its deadline would race with the other branches", c.span(),
                                "move the timed choice before or after the parallel block"));
                    }
                }));
            }
        });
    }

    private static void check(Global.Choice c, DiagnosticSink sink) {
        Deadline deadline = c.deadline().orElseThrow();
        List<Global.Branch> timeouts = c.branches().stream()
                .filter(b -> b.label().equals(Deadline.TIMEOUT_BRANCH)).toList();
        if (timeouts.size() != 1) {
            sink.report(Diagnostic.error("E240", "choice " + c.role() + " within " + deadline + " has "
                    + (timeouts.isEmpty() ? "no" : timeouts.size()) + " 'timeout' branch"
                    + (timeouts.isEmpty() ? "" : "es"), c.span(),
                    "add exactly one branch 'timeout: { … }' saying what " + c.role() + " does when the deadline "
                            + "passes").withRelated(deadline.span()));
            return;
        }
        Global.Branch timeout = timeouts.get(0);
        List<Global.Comm> awaited = new ArrayList<>();
        for (Global.Branch b : c.branches()) {
            if (b == timeout) {
                continue;
            }
            if (b.guard().isPresent()) {
                sink.report(Diagnostic.error("E241", "branch '" + b.label() + "' of timed choice " + c.role()
                        + " has a guard, but the message that arrives decides it", b.span(),
                        "remove the 'when' guard; the timeout branch is the alternative"));
            }
            if (b.body().isEmpty() || !(b.body().get(0) instanceof Global.Comm first)
                    || !first.to().isDecider(c.role()) || first.from().isDecider(c.role())) {
                sink.report(Diagnostic.error("E241", "branch '" + b.label() + "' of timed choice " + c.role()
                        + " does not start with a message to " + c.role(), b.body().isEmpty() ? b.span()
                        : b.body().get(0).span(), "start the branch with the message " + c.role() + " waits for "
                        + "until the deadline, e.g. Peer -> " + c.role() + ": Reply;").withRelated(c.span()));
                continue;
            }
            if (awaited.stream().noneMatch(a -> same(a, first))) {
                awaited.add(first);
            }
        }
        if (awaited.isEmpty() && c.branches().size() == 1) {
            sink.report(Diagnostic.error("E241", "timed choice " + c.role() + " has only a timeout branch",
                    c.span(), "add a branch starting with the message " + c.role() + " waits for"));
        }
        if (awaited.size() == 1 && c.branches().size() == 2) {
            new LateConsumption(c, awaited.get(0), timeout, sink).check();
            return;
        }
        List<Global.Comm> consumed = leadingMessagesTo(c.role(), timeout.body());
        for (Global.Comm a : awaited) {
            if (consumed.stream().noneMatch(k -> same(k, a))) {
                sink.report(Diagnostic.error("E242", "late message: " + a.from() + " sends " + a.label() + " to "
                        + c.role() + " whether or not the deadline (" + deadline + ") has passed; after a timeout it "
                        + "arrives late and the timeout branch does not consume it", a.span(),
                        "start branch 'timeout' with '" + a.from() + " -> " + a.to() + ": " + a.message()
                                + ";' to consume the late message").withRelated(timeout.span()));
            }
        }
    }

    /** The messages to {@code role} that open {@code body}, before anything else happens. */
    private static List<Global.Comm> leadingMessagesTo(String role, List<Global> body) {
        List<Global.Comm> out = new ArrayList<>();
        for (Global g : body) {
            if (!(g instanceof Global.Comm c) || !c.to().isDecider(role)) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    private static boolean same(Global.Comm a, Global.Comm b) {
        return io.choreo.projection.global.LateMessage.same(a, b);
    }
}
