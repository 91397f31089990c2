package io.choreo.console.view;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.Participants;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol of a session, compiled from the DSL text the session log recorded (cached by text), with the
 * participants' concrete local types for the session's bindings.
 */
public final class SessionProtocols {
    private static final int MAX_CACHED = 256;
    private final Map<String, Optional<CompiledProtocol>> compiled = new ConcurrentHashMap<>();

    /** A protocol with the session's participants. */
    public record Resolved(CompiledProtocol protocol, String source, Map<String, LocalType> participants) {
        public ProtocolView view() {
            return ProtocolView.of(protocol, source, participants);
        }
    }

    /** The session's protocol, if its source is known, compiles, and fits its bindings. */
    public Optional<Resolved> of(SessionData s) {
        if (s.source() == null || s.source().isBlank()) {
            return Optional.empty();
        }
        if (compiled.size() > MAX_CACHED) {
            compiled.clear();
        }
        Optional<CompiledProtocol> protocol = compiled.computeIfAbsent(s.source(), text -> {
            Compiler.Compilation c = Compiler.compile(s.protocol() + ".choreo", text);
            return c.hasErrors() ? Optional.empty()
                    : c.protocols().stream().filter(p -> p.name().equals(s.protocol())).findFirst();
        });
        return protocol.flatMap(p -> participants(p, s.bindings()).map(types -> new Resolved(p, s.source(), types)));
    }

    private static Optional<Map<String, LocalType>> participants(CompiledProtocol p, Bindings bindings) {
        try {
            Map<String, LocalType> types = new LinkedHashMap<>();
            Participants.of(p, ResolvedBindings.resolve(p.global(), bindings == null ? Bindings.none() : bindings))
                    .forEach((name, participant) -> types.put(name, participant.type()));
            return Optional.of(types);
        } catch (BindingException e) {
            return Optional.empty();
        }
    }
}
