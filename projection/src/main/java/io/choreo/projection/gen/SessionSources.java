package io.choreo.projection.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The session builder {@code <Protocol>Session}: {@code of(protocol)}, then one method per role in declaration
 * order, each step a type of its own, so that {@code spec()} exists only once every role has a handler: a missing
 * handler is a compile error. The last step also turns a completed session's results into a typed
 * {@code Results} record (arrays: participant name to result).
 */
final class SessionSources {
    private SessionSources() {
    }

    static String generate(ProtocolModel model, Set<String> taken) {
        List<ProtocolModel.Role> roles = model.roles();
        List<String> params = new ArrayList<>();
        for (ProtocolModel.Role role : roles) {
            params.add(JavaGenerator.fresh("R" + role.name(), taken));
        }
        String session = model.name() + "Session";
        StringBuilder b = new StringBuilder(JavaGenerator.header(model));
        b.append("""
                import io.choreo.dsl.ast.RoleDecl;
                import io.choreo.projection.CompiledProtocol;
                import io.choreo.runtime.handler.RoleHandler;
                import io.choreo.runtime.session.SessionOutcome;
                import io.choreo.runtime.session.SessionSpec;
                import java.util.LinkedHashMap;
                import java.util.List;
                import java.util.Map;
                import java.util.Objects;
                import java.util.function.Supplier;
                import java.util.function.UnaryOperator;

                """);
        b.append("/**\n * Sessions of ").append(model.name()).append(": {@code ").append(session).append(".of(protocol)")
                .append(roles.stream().map(r -> "." + JavaNames.member(r.name()) + "(…)").collect(Collectors.joining()))
                .append(".spec()}. Each role's method is\n * a step of its own, so a role without a handler does "
                        + "not compile.\n */\n");
        b.append("public final class ").append(session).append(" {\n");
        b.append("    private static final List<String> ROLES = List.of(")
                .append(roles.stream().map(r -> JavaNames.literal(r.name())).collect(Collectors.joining(", ")))
                .append(");\n\n    private ").append(session).append("() {\n    }\n\n");
        b.append("    /**\n     * Starts a session spec of {@code protocol}, which must be ").append(model.name())
                .append(" with roles ").append(String.join(", ", roles.stream().map(ProtocolModel.Role::name).toList()))
                .append(".\n     *\n     * @throws IllegalArgumentException for another protocol\n     */\n");
        b.append("    public static ").append(step(roles, 0, params)).append(" of(CompiledProtocol protocol) {\n");
        b.append("        List<String> roles = protocol.global().roles().stream()"
                + ".map(RoleDecl::name).toList();\n");
        b.append("        if (!protocol.name().equals(").append(JavaNames.literal(model.name()))
                .append(") || !roles.equals(ROLES)) {\n");
        b.append("            throw new IllegalArgumentException(\"").append(session).append(" runs ")
                .append(model.name()).append(" with roles \" + ROLES\n                    + \", not \" + "
                        + "protocol.name() + \" with roles \" + roles);\n        }\n");
        b.append("        return new ").append(stepName(roles, 0)).append("(protocol, new LinkedHashMap<>());\n"
                + "    }\n");
        for (int i = 0; i < roles.size(); i++) {
            stepClass(b, roles, i, params);
        }
        readyClass(b, roles, params);
        resultsRecord(b, roles, params);
        b.append("}\n");
        return b.toString();
    }

    private static String stepName(List<ProtocolModel.Role> roles, int i) {
        return i < roles.size() ? roles.get(i).name() + "Step" : "Ready";
    }

    private static String typeArgs(List<String> params, int n) {
        return n == 0 ? "" : "<" + String.join(", ", params.subList(0, n)) + ">";
    }

    private static String step(List<ProtocolModel.Role> roles, int i, List<String> params) {
        return stepName(roles, i) + typeArgs(params, i);
    }

    private static void stepClass(StringBuilder b, List<ProtocolModel.Role> roles, int i, List<String> params) {
        ProtocolModel.Role role = roles.get(i);
        String name = stepName(roles, i);
        String handlers = "Map<String, Supplier<? extends RoleHandler>>";
        b.append("\n    /** The step that gives role ").append(role.name()).append(" its handler. */\n");
        b.append("    public static final class ").append(name).append(typeArgs(params, i)).append(" {\n");
        b.append("        private final CompiledProtocol protocol;\n");
        b.append("        private final ").append(handlers).append(" handlers;\n\n");
        b.append("        ").append(name).append("(CompiledProtocol protocol, ").append(handlers)
                .append(" handlers) {\n            this.protocol = protocol;\n            this.handlers = handlers;\n"
                        + "        }\n\n");
        b.append("        /** Makes the handler of ").append(role.array() ? "each participant of " : "").append("role ")
                .append(role.name()).append(". */\n");
        b.append("        public <").append(params.get(i)).append("> ").append(step(roles, i + 1, params)).append(" ")
                .append(JavaNames.member(role.name())).append("(Supplier<? extends ")
                .append(role.name()).append("Role<").append(params.get(i)).append(">> handler) {\n");
        b.append("            ").append(handlers).append(" next = new LinkedHashMap<>(handlers);\n");
        b.append("            next.put(").append(JavaNames.literal(role.name())).append(", Objects"
                + ".requireNonNull(handler, ").append(JavaNames.literal(role.name() + " handler")).append("));\n");
        b.append("            return new ").append(stepName(roles, i + 1)).append("<>")
                .append("(protocol, next);\n        }\n    }\n");
    }

    private static void readyClass(StringBuilder b, List<ProtocolModel.Role> roles, List<String> params) {
        String args = typeArgs(params, roles.size());
        String handlers = "Map<String, Supplier<? extends RoleHandler>>";
        b.append("\n    /** Every role has its handler: the session spec, and typed results. */\n");
        b.append("    public static final class Ready").append(args).append(" {\n");
        b.append("        private final SessionSpec spec;\n\n");
        b.append("        Ready(CompiledProtocol protocol, ").append(handlers).append(" handlers) {\n");
        b.append("            this(SessionSpec.of(protocol).withRoleHandlers(handlers));\n"
                + "        }\n\n");
        b.append("        private Ready(SessionSpec spec) {\n            this.spec = spec;\n"
                + "        }\n\n");
        b.append("        /** The session spec: run it, or change it further (id, bindings, extensions, timeout). */\n");
        b.append("        public SessionSpec spec() {\n            return spec;\n        }\n\n");
        b.append("        /** The same, with the spec changed. */\n");
        b.append("        public Ready").append(args).append(" with(UnaryOperator<"
                + "SessionSpec> change) {\n            return new Ready")
                .append(roles.isEmpty() ? "" : "<>").append("(change.apply(spec));\n        }\n\n");
        b.append("        /** The typed results of a completed session of this spec. */\n");
        b.append("        @SuppressWarnings(\"unchecked\")\n");
        b.append("        public Results").append(args)
                .append(" results(SessionOutcome.SessionCompleted completed) {\n");
        b.append("            Map<String, Object> r = completed.results();\n");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            ProtocolModel.Role role = roles.get(i);
            values.add(role.array()
                    ? "instances(r, " + JavaNames.literal(role.name()) + ")"
                    : "(" + params.get(i) + ") r.get(" + JavaNames.literal(role.name()) + ")");
        }
        b.append("            return new Results").append(roles.isEmpty() ? "" : "<>").append("(")
                .append(String.join(",\n                    ", values)).append(");\n        }\n");
        b.append("\n        @SuppressWarnings(\"unchecked\")\n");
        b.append("        private static <T> Map<String, T> instances(Map<String, Object> r, "
                + "String role) {\n");
        b.append("            Map<String, T> out = new LinkedHashMap<>();\n");
        b.append("            r.forEach((participant, value) -> {\n");
        b.append("                if (participant.startsWith(role + \"[\")) {\n                    out.put(participant, (T) value);\n"
                + "                }\n            });\n            return out;\n        }\n    }\n");
    }

    private static void resultsRecord(StringBuilder b, List<ProtocolModel.Role> roles, List<String> params) {
        List<String> components = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            ProtocolModel.Role role = roles.get(i);
            components.add((role.array() ? "Map<String, " + params.get(i) + ">" : params.get(i)) + " "
                    + JavaNames.member(role.name()));
        }
        b.append("\n    /** Each role's result (a role array's by participant, {@code Workers[0]} …). */\n");
        b.append("    public record Results").append(typeArgs(params, roles.size())).append("(")
                .append(String.join(", ", components)).append(") {\n    }\n");
    }
}
