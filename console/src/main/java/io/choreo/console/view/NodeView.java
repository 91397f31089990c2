package io.choreo.console.view;

import io.choreo.cluster.sharding.ProtocolRegistry;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The node serving the console ({@code GET /api/node}): its address and the versions of each protocol it hosts
 * (empty on a console that is not a cluster node).
 */
public record NodeView(String address, Map<String, List<String>> protocols) {
    public NodeView {
        protocols = Map.copyOf(protocols);
    }

    public static NodeView of(ActorSystem<?> system) {
        return new NodeView(system.address().toString(), ProtocolRegistry.get(system).hosted());
    }
}
