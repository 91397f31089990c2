package io.choreo.projection.local;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.ResolvedBindings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The concrete participants of a session: each plain role, and each instance {@code F[i]} of every array role. */
public final class Participants {
    private Participants() {
    }

    /** One participant: its name ({@code Leader}, {@code Followers[2]}), role, instance index and concrete type. */
    public record Participant(String name, String role, Optional<Integer> index, LocalType type) {
    }

    /**
     * Every participant in declaration order, with its concrete local type (for a
     * {@link CompiledProtocol#synthesized() synthesized} protocol, synthesized from the automata at these sizes).
     */
    public static Map<String, Participant> of(CompiledProtocol protocol, ResolvedBindings bindings) {
        return io.choreo.projection.LargeStack.call(() -> instantiate(protocol, bindings));
    }

    private static Map<String, Participant> instantiate(CompiledProtocol protocol, ResolvedBindings bindings) {
        if (protocol.synthesized()) {
            return io.choreo.projection.decide.Synthesis.participants(protocol, bindings);
        }
        Map<String, Participant> out = new LinkedHashMap<>();
        for (RoleDecl role : protocol.global().roles()) {
            LocalType local = protocol.local(role.name());
            if (role.isArray()) {
                for (int i = 0; i < bindings.count(role.name()); i++) {
                    String name = role.name() + "[" + i + "]";
                    out.put(name, new Participant(name, role.name(), Optional.of(i),
                            Instantiation.concrete(local, bindings, Optional.of(i))));
                }
            } else {
                out.put(role.name(), new Participant(role.name(), role.name(), Optional.empty(),
                        Instantiation.concrete(local, bindings, Optional.empty())));
            }
        }
        return out;
    }
}
