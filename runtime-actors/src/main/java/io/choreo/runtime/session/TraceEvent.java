package io.choreo.runtime.session;

import io.choreo.runtime.wire.CborSerializable;
import java.util.List;

/**
 * One message of a session's trace, reported by its sender.
 *
 * @param implicit a control message the runtime added ({@code Continue}/{@code Done} of decides-loops)
 * @param facts journal facts the send recorded
 */
public record TraceEvent(String from, String to, String label, boolean implicit, long cost, List<String> facts)
        implements CborSerializable {

    @Override
    public String toString() {
        return from + " -> " + to + ": " + label + (implicit ? " (implicit)" : "")
                + (cost > 0 ? " [cost " + cost + "]" : "") + (facts.isEmpty() ? "" : " facts " + facts);
    }
}
