package io.choreo.cluster.sharding;

import io.choreo.runtime.wire.DeclaredTypeIds;
import java.util.Map;

/** The type id of this module's {@link io.choreo.runtime.role.Peers}: {@code sharded}. */
public final class ShardedPeerTypes implements DeclaredTypeIds.Declarations {
    @Override
    public Map<String, Class<?>> types() {
        return Map.of("sharded", ShardedPeers.class);
    }
}
