package io.choreo.runtime.role;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.choreo.runtime.wire.CborSerializable;
import io.choreo.runtime.wire.DeclaredTypeIds;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * How the participants of a session reach each other: local actor refs, or (in a cluster) sharded entities. Sent to
 * every participant in {@link RoleActor.Start}, so implementations are serializable and are {@link #bind bound} to
 * the actor system of the participant that received them. They carry a declared type id ({@link DeclaredTypeIds}:
 * {@code local}, {@code sharded}, {@code simulated}), never a class name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "type")
@JsonTypeIdResolver(DeclaredTypeIds.Resolver.class)
public interface Peers extends CborSerializable {

    /** Every participant of the session. */
    Set<String> names();

    /** A way to send to the peers from {@code system}. */
    Link bind(ActorSystem<?> system);

    /** Sends to peers by participant name. */
    @FunctionalInterface
    interface Link {
        void tell(String participant, RoleActor.Command command);
    }

    /** Participants that are actors of this actor system (or reachable by their refs); their own link. */
    record Local(Map<String, ActorRef<RoleActor.Command>> refs) implements Peers, Link {
        public Local {
            refs = Map.copyOf(refs);
        }

        @Override
        public Set<String> names() {
            return refs.keySet();
        }

        @Override
        public Link bind(ActorSystem<?> system) {
            return this;
        }

        @Override
        public void tell(String participant, RoleActor.Command command) {
            ActorRef<RoleActor.Command> ref = refs.get(participant);
            if (ref != null) {
                ref.tell(command);
            }
        }
    }
}
