package io.choreo.runtime.extension;

import io.choreo.runtime.handler.SendContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Capabilities granted to roles (every instance) or to single participants ({@code Followers[2]}). Thread-safe. */
public final class InMemoryCapabilities implements CapabilityStore {
    private final Map<String, Set<String>> grants = new ConcurrentHashMap<>();

    /** Grants {@code capabilities} to a role or to one participant. */
    public InMemoryCapabilities grant(String roleOrParticipant, String... capabilities) {
        grants.computeIfAbsent(roleOrParticipant, k -> ConcurrentHashMap.newKeySet()).addAll(Set.of(capabilities));
        return this;
    }

    public InMemoryCapabilities revoke(String roleOrParticipant, String capability) {
        grants.getOrDefault(roleOrParticipant, Set.of()).remove(capability);
        return this;
    }

    @Override
    public boolean allows(SendContext send, String capability) {
        return grants.getOrDefault(send.role(), Set.of()).contains(capability)
                || grants.getOrDefault(send.participant(), Set.of()).contains(capability);
    }
}
