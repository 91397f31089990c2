package io.choreo.simulation.net;

import io.choreo.runtime.role.Peers;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/** Peers reached through the simulated network, which may drop, duplicate, delay or reorder what they send. */
public record SimPeers(ActorRef<SimNetwork.Command> network, Set<String> names) implements Peers {
    public SimPeers {
        names = Set.copyOf(names);
    }

    @Override
    public Link bind(ActorSystem<?> system) {
        return (participant, command) -> network.tell(new SimNetwork.Transmit(participant, command));
    }
}
