package io.choreo.cluster.session;

import io.choreo.runtime.engine.PayloadTypeIds;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.wire.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** What the durable session coordinator persists: its start, who waits for the outcome, finished participants, the end. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(SessionEvent.Started.class),
    @JsonSubTypes.Type(SessionEvent.Requested.class),
    @JsonSubTypes.Type(SessionEvent.ParticipantFinished.class),
    @JsonSubTypes.Type(SessionEvent.Ended.class)
})
public sealed interface SessionEvent extends CborSerializable {

    /**
     * The session began at {@code startedAtMillis} (wall clock) with these participants and this timeout, on
     * {@code version} of the protocol (null in sessions begun before versions existed: the default version).
     */
    record Started(String protocol, String version, Bindings bindings, long timeoutMillis, long startedAtMillis,
                   List<String> participants, boolean traced) implements SessionEvent {
    }

    /** {@code replyTo} wants the outcome (a durable reply: told by whichever node runs the coordinator then). */
    record Requested(ActorRef<SessionOutcome> replyTo) implements SessionEvent {
    }

    /** A participant reached {@code end} with this handler result. */
    record ParticipantFinished(String participant,
                               @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                            @JsonTypeIdResolver(PayloadTypeIds.Resolver.class) Object result)
            implements SessionEvent {
    }

    /** The session ended: completed, failed or timed out. */
    record Ended(SessionOutcome outcome) implements SessionEvent {
    }
}
