package io.choreo.persistence.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.wire.CborSerializable;
import java.util.List;

/** A persisted event of the session log (persistence id {@code choreo-session|<id>}, tag {@value SessionLog#TAG}). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(SessionRecord.Started.class),
    @JsonSubTypes.Type(SessionRecord.Completed.class),
    @JsonSubTypes.Type(SessionRecord.Failed.class)
})
public sealed interface SessionRecord extends CborSerializable {

    String sessionId();

    /** Epoch milliseconds of the event. */
    long at();

    /**
     * A session started (or resumed) on a node.
     *
     * @param source the protocol pretty-printed as DSL text, empty for hand-written programs
     */
    record Started(String sessionId, String protocol, String source, Bindings bindings, List<String> participants,
                   long at) implements SessionRecord {
    }

    /** Every participant reached {@code end}. */
    record Completed(String sessionId, long at) implements SessionRecord {
    }

    /** The session failed with a typed cause. */
    record Failed(String sessionId, SessionError cause, long at) implements SessionRecord {
    }
}
