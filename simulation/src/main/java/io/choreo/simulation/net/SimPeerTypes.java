package io.choreo.simulation.net;

import io.choreo.runtime.wire.DeclaredTypeIds;
import java.util.Map;

/** The type id of this module's {@link io.choreo.runtime.role.Peers}: {@code simulated}. */
public final class SimPeerTypes implements DeclaredTypeIds.Declarations {
    @Override
    public Map<String, Class<?>> types() {
        return Map.of("simulated", SimPeers.class);
    }
}
