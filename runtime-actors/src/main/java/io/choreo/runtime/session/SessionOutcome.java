package io.choreo.runtime.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.runtime.wire.CborSerializable;
import java.util.List;
import java.util.Map;

/** What the requester of a session is told at the end: {@link SessionCompleted} or {@link SessionFailed}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(SessionOutcome.SessionCompleted.class),
    @JsonSubTypes.Type(SessionOutcome.SessionFailed.class)
})
public sealed interface SessionOutcome extends CborSerializable {

    String sessionId();

    /** Every participant reached {@code end}; {@code results} holds each handler's result. */
    record SessionCompleted(String sessionId, String protocol,
                            @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Map<String, Object> results,
                            List<TraceEvent> trace) implements SessionOutcome {
    }

    /** The session stopped early; {@code trace} holds what happened until then. */
    record SessionFailed(String sessionId, String protocol, SessionError cause, List<TraceEvent> trace)
            implements SessionOutcome {
    }
}
