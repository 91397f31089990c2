package io.choreo.simulation.net;

import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.role.Peers;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.RolePlacement;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionSpec;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** Places durable participants in {@link SimHost}s that talk only through the {@link SimNetwork}. */
public final class SimPlacement implements RolePlacement {
    private final ActorRef<SimNetwork.Command> network;
    private final Map<String, ActorRef<RoleActor.Command>> hosts = new HashMap<>();

    public SimPlacement(ActorRef<SimNetwork.Command> network) {
        this.network = network;
    }

    /** The host of each participant, to inject crashes. */
    public Map<String, ActorRef<RoleActor.Command>> hosts() {
        return Map.copyOf(hosts);
    }

    @Override
    public Peers place(ActorContext<SessionActor.Command> context, SessionSpec spec,
                       Map<String, Participant> participants) {
        for (Participant p : participants.values()) {
            String instanceName = spec.instanceName(p);
            ActorRef<RoleActor.Command> host = context.spawn(SimHost.create(() -> new RoleActor.Setup(spec.sessionId(),
                    p, instanceName, spec.handlers().create(p.role(), p.name(), instanceName), spec.extensions(),
                    context.getSelf(), spec.options())), "host-" + SessionActor.actorName(p.name()));
            hosts.put(p.name(), host);
            network.tell(new SimNetwork.Register(p.name(), host));
        }
        Peers peers = new SimPeers(network, participants.keySet());
        RoleActor.Start start = new RoleActor.Start(peers);
        hosts.values().forEach(h -> h.tell(start));
        return peers;
    }
}
