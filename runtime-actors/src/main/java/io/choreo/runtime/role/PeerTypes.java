package io.choreo.runtime.role;

import io.choreo.runtime.wire.DeclaredTypeIds;
import java.util.Map;

/** The type ids of this module's {@link Peers}: {@code local}. */
public final class PeerTypes implements DeclaredTypeIds.Declarations {
    @Override
    public Map<String, Class<?>> types() {
        return Map.of("local", Peers.Local.class);
    }
}
