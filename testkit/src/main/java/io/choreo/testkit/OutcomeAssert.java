package io.choreo.testkit;

import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on a session's outcome and its trace. Messages are written {@code "From -> To: Label"} (implicit
 * control messages included, as the trace has them); facts are the journal facts the sends recorded, in trace order.
 *
 * <pre>{@code
 * OutcomeAssert.assertThat(outcome).completed()
 *         .hasMessagesInOrder("Customer -> Shop: PlaceOrder", "Shop -> Customer: Confirmed")
 *         .hasFacts("order_placed")
 *         .hasResult("Shop", new Order("book", 2));
 * }</pre>
 */
public final class OutcomeAssert {
    private final SessionOutcome outcome;

    private OutcomeAssert(SessionOutcome outcome) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    public static OutcomeAssert assertThat(SessionOutcome outcome) {
        return new OutcomeAssert(outcome);
    }

    /** The outcome under assertion. */
    public SessionOutcome outcome() {
        return outcome;
    }

    /** Fails, naming the cause, unless the session completed. */
    public OutcomeAssert completed() {
        if (outcome instanceof SessionOutcome.SessionFailed f) {
            throw new AssertionFailedError("session " + f.sessionId() + " failed: " + f.cause().describe()
                    + "\ntrace: " + messages(), "completed", f.cause().describe());
        }
        return this;
    }

    /** Fails unless the session failed with a {@code type}; returns the error to look into. */
    public <E extends SessionError> E failedWith(Class<E> type) {
        if (outcome instanceof SessionOutcome.SessionFailed f && type.isInstance(f.cause())) {
            return type.cast(f.cause());
        }
        String actual = outcome instanceof SessionOutcome.SessionFailed f ? f.cause().describe() : "completed";
        throw new AssertionFailedError("session " + outcome.sessionId() + ": expected a failure with "
                + type.getSimpleName() + ", but it " + (actual.equals("completed") ? "completed" : "failed: " + actual),
                type.getSimpleName(), actual);
    }

    /** The trace as {@code "From -> To: Label"} lines. */
    public List<String> messages() {
        return trace().stream().map(OutcomeAssert::line).toList();
    }

    /** The journal facts of the trace, in order. */
    public List<String> facts() {
        List<String> facts = new ArrayList<>();
        trace().forEach(e -> facts.addAll(e.facts()));
        return facts;
    }

    /** The trace exactly: these messages and no others, in this order. */
    public OutcomeAssert hasMessages(String... expected) {
        if (!messages().equals(List.of(expected))) {
            throw new AssertionFailedError("session " + outcome.sessionId() + " exchanged other messages",
                    String.join("\n", expected), String.join("\n", messages()));
        }
        return this;
    }

    /** These messages appear in the trace in this order, others possibly in between. */
    public OutcomeAssert hasMessagesInOrder(String... expected) {
        List<String> actual = messages();
        int at = 0;
        for (String e : expected) {
            int found = actual.subList(at, actual.size()).indexOf(e);
            if (found < 0) {
                throw new AssertionFailedError("session " + outcome.sessionId() + ": no '" + e + "' "
                        + (at == 0 ? "in the trace" : "after '" + actual.get(at - 1) + "'"),
                        String.join("\n", expected), String.join("\n", actual));
            }
            at += found + 1;
        }
        return this;
    }

    /** The journal facts recorded, exactly and in order. */
    public OutcomeAssert hasFacts(String... expected) {
        if (!facts().equals(Arrays.asList(expected))) {
            throw new AssertionFailedError("session " + outcome.sessionId() + " recorded other facts",
                    List.of(expected), facts());
        }
        return this;
    }

    /** The participant's result equals {@code expected}. */
    public OutcomeAssert hasResult(String participant, Object expected) {
        Object actual = result(participant);
        if (!Objects.equals(expected, actual)) {
            throw new AssertionFailedError(participant + "'s result differs", expected, actual);
        }
        return this;
    }

    /** The participant's result; fails unless the session completed. */
    public Object result(String participant) {
        completed();
        SessionOutcome.SessionCompleted c = (SessionOutcome.SessionCompleted) outcome;
        if (!c.results().containsKey(participant)) {
            throw new AssertionFailedError("no participant '" + participant + "'; results: " + c.results().keySet());
        }
        return c.results().get(participant);
    }

    private List<TraceEvent> trace() {
        return outcome instanceof SessionOutcome.SessionCompleted c ? c.trace()
                : ((SessionOutcome.SessionFailed) outcome).trace();
    }

    private static String line(TraceEvent e) {
        return e.from() + " -> " + e.to() + ": " + e.label();
    }
}
