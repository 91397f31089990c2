package io.choreo.cluster.sharding;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandlers;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The protocols this node can host, by name, with the handlers and extensions its participants use. A participant
 * entity started on this node (first, or after moving from a failed node) looks its protocol up here, so every node
 * that may host participants registers the same protocols.
 */
public final class ProtocolRegistry implements Extension {

    /** What a node needs to run participants of a protocol. */
    public record Registration(CompiledProtocol protocol, RoleHandlers handlers, Extensions extensions) {
    }

    private static final ExtensionId<ProtocolRegistry> ID = new ExtensionId<>() {
        @Override
        public ProtocolRegistry createExtension(ActorSystem<?> system) {
            return new ProtocolRegistry();
        }
    };

    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

    public static ProtocolRegistry get(ActorSystem<?> system) {
        return system.registerExtension(ID);
    }

    /**
     * Registers (or replaces) {@code protocol} under its name. Sessions name their protocol by its plain name, so a
     * protocol of that name from another namespace is refused rather than silently replaced.
     */
    public ProtocolRegistry register(CompiledProtocol protocol, RoleHandlers handlers, Extensions extensions) {
        Registration old = registrations.get(protocol.name());
        if (old != null && !old.protocol().qualifiedName().equals(protocol.qualifiedName())) {
            throw new IllegalArgumentException("cannot host " + protocol.qualifiedName() + " and "
                    + old.protocol().qualifiedName() + " on one node: sessions name their protocol by its plain name");
        }
        registrations.put(protocol.name(), new Registration(protocol, handlers, extensions));
        return this;
    }

    public Optional<Registration> lookup(String name) {
        return Optional.ofNullable(registrations.get(name));
    }
}
