package io.choreo.runtime.session;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.choreo.runtime.engine.PayloadTypeIds;
import io.choreo.runtime.wire.CborSerializable;
import org.apache.pekko.actor.DeadLetterSuppression;

/**
 * What a session hears from its participants (which may be on other nodes): the messages of the session actor that
 * a role shell sends. They live apart from {@link SessionActor} so the role shells need not know the session actor,
 * which knows them; {@code SessionActor} implements this interface, so {@code SessionActor.Command} and the other
 * names keep naming these types.
 */
public interface SessionProtocol {

    /** Messages of the session actor. */
    interface Command extends CborSerializable {
    }

    /**
     * A participant reached {@code end}.
     *
     * @param untraced how many messages it sent without reporting them to the trace
     */
    record RoleFinished(String participant,
                        @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                        @JsonTypeIdResolver(PayloadTypeIds.Resolver.class) Object result,
                        long untraced) implements Command {
        public RoleFinished(String participant, Object result) {
            this(participant, result, 0);
        }
    }

    /** A participant failed with a typed cause. */
    record RoleFailed(String participant, SessionError error) implements Command {
    }

    /** A participant sent a message. */
    record Traced(TraceEvent event) implements Command {
    }

    /**
     * A participant's actor stopped before its protocol ended (a session that stopped first does not hear it: no
     * dead letter is logged).
     */
    record RoleStopped(String participant) implements Command, DeadLetterSuppression {
    }

    /** A participant's answer to the session's question (it timed out): what it is doing. */
    record Described(String participant, String status) implements Command {
    }
}
