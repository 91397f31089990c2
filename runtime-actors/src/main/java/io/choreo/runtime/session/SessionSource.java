package io.choreo.runtime.session;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Participants;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.program.Program;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Where a session's participants and their local types come from. */
public sealed interface SessionSource {

    String name();

    /** The protocol's version ({@code #[version]}, or {@link CompiledProtocol#DEFAULT_VERSION}). */
    default String version() {
        return CompiledProtocol.DEFAULT_VERSION;
    }

    /** What the session's fingerprint records as its protocol: {@link CompiledProtocol#versionedName()}. */
    default String versionedName() {
        return name();
    }

    /** The participants, given the session's bindings (which may be rejected with a BindingException). */
    Map<String, Participant> participants(Bindings bindings);

    /**
     * A choreography projected to every role; arrays are instantiated with the bindings. The participants of a
     * protocol (by identity) and bindings are computed once and shared by its sessions, so sessions of a protocol
     * also share their participants' compiled machines without comparing local types.
     */
    record Projected(CompiledProtocol protocol) implements SessionSource {
        /** Participants per protocol instance (by identity: no deep hashing) and bindings; bounded. */
        private static final IdentityMemo<CompiledProtocol, Map<Bindings, Map<String, Participant>>> INSTANTIATED =
                new IdentityMemo<>(256);

        @Override
        public String name() {
            return protocol.name();
        }

        @Override
        public String version() {
            return protocol.version();
        }

        @Override
        public String versionedName() {
            return protocol.versionedName();
        }

        @Override
        public Map<String, Participant> participants(Bindings bindings) {
            Map<Bindings, Map<String, Participant>> byBindings = INSTANTIATED.get(protocol,
                    p -> new java.util.concurrent.ConcurrentHashMap<>());
            Map<String, Participant> known = byBindings.get(bindings);
            if (known == null) {
                known = java.util.Collections.unmodifiableMap(Participants.of(protocol,
                        ResolvedBindings.resolve(protocol.global(), bindings)));
                if (byBindings.size() < 64) {
                    byBindings.put(bindings, known);
                }
            }
            return known;
        }
    }

    /** Hand-written {@link Program}s, one per participant name. */
    record Programs(String name, Map<String, Program> programs) implements SessionSource {
        public Programs {
            programs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(programs));
        }

        /** Participants per instance (by identity; bindings do not apply): shared by its sessions; bounded. */
        private static final IdentityMemo<Programs, Map<String, Participant>> PARTICIPANTS = new IdentityMemo<>(256);

        @Override
        public Map<String, Participant> participants(Bindings bindings) {
            return PARTICIPANTS.get(this, p -> {
                Map<String, Participant> out = new LinkedHashMap<>();
                programs.forEach((participant, program) -> out.put(participant,
                        new Participant(participant, participant, Optional.empty(), program.type())));
                return java.util.Collections.unmodifiableMap(out);
            });
        }
    }
}
