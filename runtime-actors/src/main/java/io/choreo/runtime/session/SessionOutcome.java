package io.choreo.runtime.session;

import io.choreo.runtime.engine.PayloadTypeIds;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
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

    /**
     * Every participant reached {@code end}; {@code results} holds each handler's result. {@code trace} holds the
     * first messages (up to {@code choreo.runtime.trace-limit}); {@code traceOmitted} counts the messages after it.
     */
    record SessionCompleted(String sessionId, String protocol,
                            @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                            @JsonTypeIdResolver(PayloadTypeIds.Resolver.class)
                            Map<String, Object> results,
                            List<TraceEvent> trace, long traceOmitted) implements SessionOutcome {
        public SessionCompleted(String sessionId, String protocol, Map<String, Object> results,
                                List<TraceEvent> trace) {
            this(sessionId, protocol, results, trace, 0);
        }

        /** How many messages the session exchanged, traced or not. */
        public long messages() {
            return trace.size() + traceOmitted;
        }
    }

    /** The session stopped early; {@code trace} holds what happened until then (bounded like a completed one's). */
    record SessionFailed(String sessionId, String protocol, SessionError cause, List<TraceEvent> trace,
                         long traceOmitted) implements SessionOutcome {
        public SessionFailed(String sessionId, String protocol, SessionError cause, List<TraceEvent> trace) {
            this(sessionId, protocol, cause, trace, 0);
        }
    }
}
