package io.choreo.runtime.role;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.engine.PayloadTypeIds;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionOptions;
import io.choreo.runtime.session.SessionProtocol;
import io.choreo.runtime.wire.CborSerializable;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a participant's actor understands, and what it needs to run. {@link RoleActor} implements it, so
 * {@code RoleActor.Command} and the other names keep naming these types (for every role shell: in-memory, durable,
 * simulated); the session actor sends {@link Start} and {@link Describe} without knowing the shells.
 */
public interface RoleProtocol {

    /** Messages a role actor understands. */
    interface Command extends CborSerializable {
    }

    /** Sent by the session once every participant exists: who is who. */
    record Start(Peers peers) implements Command {
    }

    /**
     * A protocol message from one participant to another. On the wire it is a CBOR array of its values in this order,
     * with no field names.
     *
     * @param seq the sender's sequence number for this receiver, from 1 (receivers drop duplicates by it)
     * @param payload carried with its type id ({@link PayloadTypeIds}), never a class name
     * @param mergedFacts for {@code journal_merge}: the sender's fact set, merged into the receiver's
     * @param acked durable senders: the highest sequence number they have consumed (and written) from the receiver,
     *              so an answer acknowledges what it answers without a separate {@link Ack}
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"sessionId", "from", "to", "label", "seq", "payload", "mergedFacts", "implicit", "acked"})
    record Envelope(String sessionId, String from, String to, String label, long seq,
                    @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.WRAPPER_ARRAY)
                    @JsonTypeIdResolver(PayloadTypeIds.Resolver.class) Object payload, Set<String> mergedFacts,
                    boolean implicit, long acked) implements Command {
        /** An envelope that acknowledges nothing (in-memory participants do not acknowledge). */
        public Envelope(String sessionId, String from, String to, String label, long seq, Object payload,
                        Set<String> mergedFacts, boolean implicit) {
            this(sessionId, from, to, label, seq, payload, mergedFacts, implicit, 0);
        }
    }

    /** The session asks what the participant is doing (it timed out); the answer is a {@code Described}. */
    record Describe(ActorRef<SessionProtocol.Command> replyTo) implements Command {
    }

    /** A durable receiver confirms {@code seq} from {@code from}; senders stop redelivering it. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"from", "seq"})
    record Ack(String from, long seq) implements Command {
    }

    /** Everything a participant needs to run. */
    record Setup(String sessionId, Participant participant, String instanceName, RoleHandler handler,
                 Extensions extensions, ActorRef<SessionProtocol.Command> session,
                 SessionOptions options) {
        public Setup(String sessionId, Participant participant, String instanceName, RoleHandler handler,
                     Extensions extensions, ActorRef<SessionProtocol.Command> session) {
            this(sessionId, participant, instanceName, handler, extensions, session, SessionOptions.DEFAULTS);
        }
    }
}
