package io.choreo.simulation;

import io.choreo.runtime.session.TraceEvent;
import io.choreo.simulation.net.NetEvent;
import java.util.List;

/**
 * The outcome of one simulated run.
 *
 * @param outcome {@code completed}, the simple name of the typed {@code SessionError}, or {@code hang}
 * @param network what the simulated network did, step by step (what a seed reproduces)
 * @param trace the messages the session's participants sent
 * @param violations failed checks: conformance to the local types, journal integrity
 */
public record SimulationResult(String protocol, long seed, String outcome, String cause, List<NetEvent> network,
                               List<TraceEvent> trace, List<String> violations, int steps, long virtualMillis) {

    public boolean completed() {
        return outcome.equals("completed");
    }

    public boolean hung() {
        return outcome.equals("hang");
    }

    /** Completed, or failed with a typed error, and every check passed. */
    public boolean ok() {
        return !hung() && violations.isEmpty();
    }
}
