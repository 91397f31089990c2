package io.choreo.cluster.sharding;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.ProtocolVersion;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandlers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The protocols this node can host, by name and version, with the handlers and extensions its participants use. A
 * node may host several versions of a protocol: a session runs to its end on the version it started with (its
 * coordinator and participants look that version up here), and new sessions start on the newest version, or the one
 * {@link #prefer preferred}. A node that lacks a session's version refuses its participants with a typed
 * {@code VersionNotHosted} rather than run their journal on another version.
 */
public final class ProtocolRegistry implements Extension {

    /** What a node needs to run participants of one version of a protocol. */
    public record Registration(CompiledProtocol protocol, RoleHandlers handlers, Extensions extensions) {
        public String version() {
            return protocol.version();
        }
    }

    private static final ExtensionId<ProtocolRegistry> ID = new ExtensionId<>() {
        @Override
        public ProtocolRegistry createExtension(ActorSystem<?> system) {
            return new ProtocolRegistry();
        }
    };

    /** By name, then version (oldest first). */
    private final Map<String, ConcurrentSkipListMap<String, Registration>> registrations = new ConcurrentHashMap<>();
    private final Map<String, String> preferred = new ConcurrentHashMap<>();

    public static ProtocolRegistry get(ActorSystem<?> system) {
        return system.registerExtension(ID);
    }

    /**
     * Registers {@code protocol} under its name and version; registering a version again replaces its handlers.
     * Sessions name their protocol by its plain name, so a protocol of that name from another namespace is refused
     * rather than silently replaced.
     *
     * @throws IllegalArgumentException if that version is registered with other local types (two protocols must not
     *         share a version: their sessions' journals could not tell them apart), or the name is hosted from
     *         another namespace
     */
    public ProtocolRegistry register(CompiledProtocol protocol, RoleHandlers handlers, Extensions extensions) {
        var versions = registrations.computeIfAbsent(protocol.name(),
                n -> new ConcurrentSkipListMap<>(ProtocolVersion.ORDER));
        versions.values().stream().findFirst().ifPresent(old -> {
            if (!old.protocol().qualifiedName().equals(protocol.qualifiedName())) {
                throw new IllegalArgumentException("cannot host " + protocol.qualifiedName() + " and "
                        + old.protocol().qualifiedName() + " on one node: sessions name their protocol by its plain "
                        + "name");
            }
        });
        Registration known = versions.get(protocol.version());
        if (known != null && !printed(known.protocol()).equals(printed(protocol))) {
            throw new IllegalArgumentException("version " + protocol.version() + " of " + protocol.name()
                    + " is already registered with other local types: give the changed protocol a new "
                    + "#[version = \"…\"]");
        }
        versions.put(protocol.version(), new Registration(protocol, handlers, extensions));
        return this;
    }

    private static Map<String, String> printed(CompiledProtocol protocol) {
        Map<String, String> out = new TreeMap<>();
        protocol.locals().keySet().forEach(role -> out.put(role, protocol.print(role)));
        return out;
    }

    /** New sessions of {@code name} start on {@code version} (which must be registered) instead of the newest. */
    public ProtocolRegistry prefer(String name, String version) {
        if (lookup(name, version).isEmpty()) {
            throw new IllegalArgumentException("version " + version + " of " + name + " is not registered");
        }
        preferred.put(name, version);
        return this;
    }

    /** The version new sessions of {@code name} start on: the preferred one, or the newest. */
    public Optional<Registration> lookup(String name) {
        var versions = registrations.get(name);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        String version = preferred.get(name);
        return Optional.of(version != null ? versions.get(version) : versions.lastEntry().getValue());
    }

    /** Exactly {@code version} of {@code name} (null: the default version, of sessions begun before versions). */
    public Optional<Registration> lookup(String name, String version) {
        var versions = registrations.get(name);
        return versions == null ? Optional.empty()
                : Optional.ofNullable(versions.get(ProtocolVersion.orDefault(version)));
    }

    /** The versions of {@code name} this node hosts, oldest first. */
    public List<String> versions(String name) {
        var versions = registrations.get(name);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    /** Every protocol this node hosts, with its versions (oldest first). */
    public Map<String, List<String>> hosted() {
        Map<String, List<String>> out = new TreeMap<>();
        registrations.forEach((name, versions) -> out.put(name, List.copyOf(versions.keySet())));
        return out;
    }
}
