package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.LateMessage;
import io.choreo.projection.global.Traversal;
import java.util.List;

/**
 * Where the timeout branch of a timed choice with one awaited message consumes the late message: exactly once, in
 * its top-level sequence (E242 if nowhere; E244 if only inside a nested block, twice, or after its sender sent
 * something else in the branch — its sender sends it at once, so a message it sends first would arrive after it).
 */
record LateConsumption(Global.Choice choice, Global.Comm awaited, Global.Branch timeout, DiagnosticSink sink) {

    void check() {
        List<Global> body = timeout.body();
        int at = -1;
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i) instanceof Global.Comm k && LateMessage.same(k, awaited)) {
                if (at >= 0) {
                    sink.report(Diagnostic.error("E244", "the timeout branch consumes the late " + awaited.label()
                            + " from " + awaited.from() + " twice, but it is sent once", k.span(),
                            "consume the late message once").withRelated(body.get(at).span()));
                    return;
                }
                at = i;
            }
        }
        if (at < 0) {
            nestedOrMissing(body);
            return;
        }
        String sender = awaited.from().role();
        for (Global g : body.subList(0, at)) {
            Traversal.forEach(List.of(g), n -> {
                if (n instanceof Global.Comm k && k.from().role().equals(sender)) {
                    sink.report(Diagnostic.error("E244", sender + " sends " + k.label() + " in the timeout branch "
                            + "before the late " + awaited.label() + ", but it sends " + awaited.label() + " first: "
                            + "it cannot know that the deadline passed", k.span(),
                            "consume the late message before " + sender + " sends anything else")
                            .withRelated(body.get(0).span()));
                }
            });
        }
    }

    private void nestedOrMissing(List<Global> body) {
        Global.Comm[] nested = new Global.Comm[1];
        Traversal.forEach(body, n -> {
            if (nested[0] == null && n instanceof Global.Comm k && LateMessage.same(k, awaited)) {
                nested[0] = k;
            }
        });
        if (nested[0] != null) {
            sink.report(Diagnostic.error("E244", "the late " + awaited.label() + " from " + awaited.from()
                    + " is consumed inside a nested block of the timeout branch, so not on every path", nested[0]
                    .span(), "consume it in the top-level sequence of branch 'timeout', outside choices, loops "
                    + "and parallel blocks").withRelated(awaited.span()));
            return;
        }
        sink.report(Diagnostic.error("E242", "late message: " + awaited.from() + " sends " + awaited.label() + " to "
                + choice.role() + " whether or not the deadline (" + choice.deadline().orElseThrow() + ") has passed; "
                + "after a timeout it arrives late and the timeout branch does not consume it", awaited.span(),
                "add '" + awaited.from() + " -> " + awaited.to() + ": " + awaited.message() + ";' to branch "
                        + "'timeout' (first, or after what " + choice.role() + " does at the deadline) to consume "
                        + "the late message").withRelated(timeout.span()));
    }
}
