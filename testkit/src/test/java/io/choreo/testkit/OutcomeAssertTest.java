package io.choreo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.TraceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The assertions fail when they should, with messages that say why (no actor system). */
class OutcomeAssertTest {
    static final List<TraceEvent> TRACE = List.of(
            new TraceEvent("A", "B", "Offer", false, 100, List.of("offered")),
            new TraceEvent("B", "A", "Accept", false, 0, List.of()),
            new TraceEvent("A", "B", "Done", true, 0, List.of("closed")));
    static final SessionOutcome DONE = new SessionOutcome.SessionCompleted("s1", "P", Map.of("A", 1), TRACE);
    static final SessionOutcome FAILED = new SessionOutcome.SessionFailed("s2", "P",
            new SessionError.RoleCrashed("B", "its actor stopped"), TRACE.subList(0, 1));

    @Test
    void passingAssertionsChain() {
        OutcomeAssert.assertThat(DONE).completed()
                .hasMessages("A -> B: Offer", "B -> A: Accept", "A -> B: Done")
                .hasMessagesInOrder("A -> B: Offer", "A -> B: Done")
                .hasFacts("offered", "closed")
                .hasResult("A", 1);
        assertEquals("B", OutcomeAssert.assertThat(FAILED).failedWith(SessionError.RoleCrashed.class).participant());
    }

    @Test
    void failingAssertionsSayWhy() {
        assertEquals("session s2 failed: B crashed: its actor stopped\ntrace: [A -> B: Offer]",
                assertThrows(AssertionFailedError.class, () -> OutcomeAssert.assertThat(FAILED).completed())
                        .getMessage().split(" ==>")[0]);
        assertEquals("session s1: no 'A -> B: Offer' after 'B -> A: Accept'",
                assertThrows(AssertionFailedError.class, () -> OutcomeAssert.assertThat(DONE)
                        .hasMessagesInOrder("B -> A: Accept", "A -> B: Offer")).getMessage().split(" ==>")[0]);
        AssertionFailedError exact = assertThrows(AssertionFailedError.class,
                () -> OutcomeAssert.assertThat(DONE).hasMessages("A -> B: Offer"));
        assertEquals("A -> B: Offer", exact.getExpected().getValue());
        assertThrows(AssertionFailedError.class, () -> OutcomeAssert.assertThat(DONE).hasFacts("offered"));
        assertThrows(AssertionFailedError.class, () -> OutcomeAssert.assertThat(DONE).hasResult("A", 2));
        assertThrows(AssertionFailedError.class, () -> OutcomeAssert.assertThat(DONE).result("C"));
        assertEquals("session s1: expected a failure with RoleCrashed, but it completed",
                assertThrows(AssertionFailedError.class, () -> OutcomeAssert.assertThat(DONE)
                        .failedWith(SessionError.RoleCrashed.class)).getMessage().split(" ==>")[0]);
        assertThrows(AssertionFailedError.class, () -> OutcomeAssert.assertThat(FAILED)
                .failedWith(SessionError.HandlerFailed.class));
    }
}
