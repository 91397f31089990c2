package io.choreo.runtime.session;

import io.choreo.runtime.wire.CborSerializable;
import java.util.List;

/**
 * One message of a session's trace, reported by its sender — or a participant's local event ({@code from} equals
 * {@code to}, which no message has): its deadline passing at a timed choice ({@link #timeout}).
 *
 * @param implicit a control message the runtime added ({@code Continue}/{@code Done} of decides-loops)
 * @param facts journal facts the send recorded
 */
public record TraceEvent(String from, String to, String label, boolean implicit, long cost, List<String> facts)
        implements CborSerializable {

    /** {@code participant}'s deadline {@code deadline} passed at the timed choice of line {@code line}. */
    public static TraceEvent timeout(String participant, String deadline, int line) {
        return new TraceEvent(participant, participant, "timeout(" + deadline + ") at line " + line, true, 0, List.of());
    }

    /** True for a local event (a timeout), not a message. */
    public boolean local() {
        return from.equals(to);
    }

    @Override
    public String toString() {
        if (local()) {
            return from + ": " + label;
        }
        return from + " -> " + to + ": " + label + (implicit ? " (implicit)" : "")
                + (cost > 0 ? " [cost " + cost + "]" : "") + (facts.isEmpty() ? "" : " facts " + facts);
    }
}
