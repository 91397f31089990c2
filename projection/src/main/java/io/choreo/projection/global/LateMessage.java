package io.choreo.projection.global;

import io.choreo.dsl.ast.Deadline;
import java.util.List;
import java.util.Optional;

/**
 * The late message of a timed choice with one awaited message: {@code choice R within d { vote: { V -> R: Vote; … }
 * timeout: { …; V -> R: Vote; … } }}. Its sender cannot know that the deadline passed, so it sends at once; the
 * timeout branch consumes it at {@code position} of its top-level sequence (it may act first).
 *
 * @param branch   the branch the awaited message decides
 * @param awaited  the awaited message, first of {@code branch}
 * @param timeout  the timeout branch
 * @param position the index in the timeout branch's body of the statement that consumes the late message
 * @param consumed that statement
 */
public record LateMessage(Global.Branch branch, Global.Comm awaited, Global.Branch timeout, int position,
                          Global.Comm consumed) {

    /** The late message of {@code c}, if it is a well-formed timed choice with one awaited message. */
    public static Optional<LateMessage> of(Global.Choice c) {
        if (!c.timed() || c.branches().size() != 2) {
            return Optional.empty();
        }
        Global.Branch timeout = c.branches().stream().filter(b -> b.label().equals(Deadline.TIMEOUT_BRANCH))
                .findFirst().orElse(null);
        Global.Branch branch = c.branches().stream().filter(b -> b != timeout).findFirst().orElse(null);
        if (timeout == null || branch == null || branch.body().isEmpty()
                || !(branch.body().get(0) instanceof Global.Comm awaited) || !awaited.to().isDecider(c.role())
                || awaited.from().isDecider(c.role())) {
            return Optional.empty();
        }
        List<Global> body = timeout.body();
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i) instanceof Global.Comm k && same(k, awaited)) {
                return Optional.of(new LateMessage(branch, awaited, timeout, i, k));
            }
        }
        return Optional.empty();
    }

    /** The timeout branch's body with the late message moved to its front: what its sender does. */
    public List<Global> sendersView() {
        List<Global> out = new java.util.ArrayList<>(timeout.body());
        out.remove(position);
        out.add(0, consumed);
        return List.copyOf(out);
    }

    /** Whether {@code a} and {@code b} are the same message between the same role references. */
    public static boolean same(Global.Comm a, Global.Comm b) {
        return a.from().toString().equals(b.from().toString()) && a.to().toString().equals(b.to().toString())
                && a.message().toString().equals(b.message().toString());
    }
}
