package io.choreo.testkit;

import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opentest4j.AssertionFailedError;

/** A session under test that has started: its probes to drive, and its outcome to await. */
public final class RunningSession {
    private final SessionSpec spec;
    private final Map<String, RoleProbe> probes;
    private final CompletionStage<SessionOutcome> outcome;

    RunningSession(SessionSpec spec, Map<String, RoleProbe> probes, CompletionStage<SessionOutcome> outcome) {
        this.spec = spec;
        this.probes = probes;
        this.outcome = outcome;
    }

    /** The spec the session runs with. */
    public SessionSpec spec() {
        return spec;
    }

    /** The probe playing {@code participant} ({@code Shop}, or {@code Followers[1]} in a role array). */
    public RoleProbe probe(String participant) {
        RoleProbe p = probes.get(participant);
        if (p == null) {
            throw new IllegalArgumentException("no probe plays '" + participant + "'; probed participants: "
                    + probes.keySet());
        }
        return p;
    }

    /** Waits for the outcome, up to the session's timeout and a few seconds (the session reports its own timeout). */
    public SessionOutcome awaitOutcome() {
        Duration wait = spec.timeout().plusSeconds(10);
        try {
            return outcome.toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionFailedError("session " + spec.sessionId() + " reported no outcome within "
                    + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionFailedError("session " + spec.sessionId() + " could not run: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for session " + spec.sessionId(), e);
        }
    }

    /** Waits for the outcome and starts asserting on it. */
    public OutcomeAssert assertOutcome() {
        return OutcomeAssert.assertThat(awaitOutcome());
    }
}
