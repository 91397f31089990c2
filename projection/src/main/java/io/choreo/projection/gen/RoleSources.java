package io.choreo.projection.gen;

import io.choreo.projection.CompiledProtocol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sources of one role: {@code <Role>Role<R>}, the typed handler whose result is an {@code R} (a method per
 * message sent and received, an enum-typed method per choice the role decides, a record of its guard inputs);
 * {@code <Role>Handler}, the same with any result (the interface earlier versions generated); an enum per choice;
 * the guard-input record.
 */
final class RoleSources {
    private RoleSources() {
    }

    static Map<String, String> generate(ProtocolModel model, ProtocolModel.Role role, CompiledProtocol protocol,
                                        Set<String> taken) {
        Map<String, String> files = new LinkedHashMap<>();
        String r = JavaGenerator.fresh("R", taken);
        files.put(role.name() + "Role", roleInterface(model, role, protocol, r));
        files.put(role.name() + "Handler", JavaGenerator.header(model)
                + "/** Typed handler of role " + role.name() + " in " + model.name() + " whose result is any object; "
                + "see {@link " + role.name() + "Role}. */\n"
                + "public interface " + role.name() + "Handler extends " + role.name() + "Role<Object> {\n}\n");
        for (ProtocolModel.Choice c : role.choices()) {
            files.put(c.enumName(), choiceEnum(model, role, c));
        }
        if (!role.guardVariables().isEmpty()) {
            files.put(role.name() + "Guards", guards(model, role));
        }
        return files;
    }

    private static String roleInterface(ProtocolModel model, ProtocolModel.Role role, CompiledProtocol protocol,
                                        String r) {
        StringBuilder b = new StringBuilder(JavaGenerator.header(model));
        b.append("import io.choreo.runtime.handler.ChoiceContext;\n");
        b.append("import io.choreo.runtime.handler.ReceiveContext;\n");
        b.append("import io.choreo.runtime.handler.RoleHandler;\n");
        b.append("import io.choreo.runtime.handler.SendContext;\n");
        if (!role.timeouts().isEmpty()) {
            b.append("import io.choreo.runtime.handler.TimeoutContext;\n");
        }
        b.append("\n");
        b.append("/**\n * Typed handler of role ").append(role.name()).append(" in ").append(model.name())
                .append(", whose result is an {@code ").append(r).append("}:\n * {@code ")
                .append(JavaNames.doc(protocol.print(role.name()))).append("}\n *\n * @param <").append(r)
                .append("> the type of the participant's result\n */\n");
        b.append("public interface ").append(role.name()).append("Role<").append(r).append("> extends RoleHandler {\n");
        for (String label : role.sends()) {
            b.append("\n    /** The ").append(label).append(" to send now. */\n");
            if (model.messages().get(label).typeArgs().isEmpty() && model.messages().get(label).payload().isEmpty()) {
                b.append("    default ").append(label).append(" send").append(label).append("(SendContext send) {\n"
                        + "        return new ").append(label).append("();\n    }\n");
            } else {
                b.append("    ").append(label).append(" send").append(label).append("(SendContext send);\n");
            }
        }
        for (String label : role.receives()) {
            b.append("\n    /** A ").append(label).append(" arrived. */\n");
            b.append("    default void on").append(label).append("(").append(label)
                    .append(" message, ReceiveContext received) {\n    }\n");
        }
        for (ProtocolModel.Choice c : role.choices()) {
            b.append("\n    /**\n     * The branch to take at the choice of line ").append(c.line())
                    .append(". By default, the first whose guard holds\n     * for the guard variables. The runtime "
                            + "checks the chosen branch's guard.\n     */\n");
            b.append("    default ").append(c.enumName()).append(" choose").append(c.enumName())
                    .append("(ChoiceContext choice) {\n        return ").append(c.enumName())
                    .append(".of(choice.firstEnabled(guardVariables(choice)));\n    }\n");
        }
        for (ProtocolModel.Timeout t : role.timeouts()) {
            b.append("\n    /** The deadline (").append(t.deadline()).append(") of the timed choice of line ").append(t.line())
                    .append(" passed: its timeout branch follows. */\n");
            b.append("    default void ").append(t.method()).append("(TimeoutContext timeout) {\n    }\n");
        }
        if (!role.guardVariables().isEmpty()) {
            b.append("\n    /** The values of the variables ").append(role.name()).append("'s guards read; "
                    + "null supplies none. */\n");
            b.append("    default ").append(role.name()).append("Guards guards(ChoiceContext choice) {\n"
                    + "        return null;\n    }\n");
        }
        b.append("\n    /** The participant's result, reported when the session completes. */\n");
        b.append("    @Override\n    default ").append(r).append(" result() {\n        return null;\n    }\n");
        payloadDispatch(b, model, role);
        receiveDispatch(b, model, role);
        if (!role.timeouts().isEmpty()) {
            b.append("\n    @Override\n    default void timedOut(TimeoutContext timeout) {\n");
            for (ProtocolModel.Timeout t : role.timeouts()) {
                b.append("        if (timeout.line() == ").append(t.line()).append(") {\n            ")
                        .append(t.method()).append("(timeout);\n        }\n");
            }
            b.append("    }\n");
        }
        if (!role.choices().isEmpty()) {
            b.append("\n    @Override\n    default String choose(ChoiceContext choice) {\n");
            for (ProtocolModel.Choice c : role.choices()) {
                b.append("        if (choice.line() == ").append(c.line()).append(" && choice.labels().equals(")
                        .append(c.enumName()).append(".LABELS)) {\n            return java.util.Objects.requireNonNull(choose")
                        .append(c.enumName()).append("(choice), \"choose").append(c.enumName())
                        .append(" returned null\").label();\n        }\n");
            }
            b.append("        return RoleHandler.super.choose(choice);\n    }\n");
        }
        if (!role.guardVariables().isEmpty()) {
            b.append("\n    @Override\n    default java.util.Map<String, ?> guardVariables(ChoiceContext choice) {\n");
            b.append("        ").append(role.name()).append("Guards guards = guards(choice);\n");
            b.append("        return guards == null ? java.util.Map.of() : guards.toMap();\n    }\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static void payloadDispatch(StringBuilder b, ProtocolModel model, ProtocolModel.Role role) {
        b.append("\n    @Override\n    default Object payload(SendContext send) {\n");
        if (role.sends().isEmpty()) {
            b.append("        return null;\n");
        } else {
            b.append("        return switch (send.label()) {\n");
            for (String label : role.sends()) {
                b.append("            case \"").append(label).append("\" -> send").append(label).append("(send)")
                        .append(JavaGenerator.carriesOnePayload(model.messages().get(label)) ? ".payload()" : "")
                        .append(";\n");
            }
            b.append("            default -> null;\n        };\n");
        }
        b.append("    }\n");
    }

    private static void receiveDispatch(StringBuilder b, ProtocolModel model, ProtocolModel.Role role) {
        b.append("\n    @Override\n    default void received(ReceiveContext received) {\n");
        for (String label : role.receives()) {
            if (JavaGenerator.carriesOnePayload(model.messages().get(label))) {
                b.append("        if (\"").append(label).append("\".equals(received.label())) {\n");
                b.append("            on").append(label).append("(").append(label)
                        .append(".of(received.payload()), received);\n        }\n");
                continue;
            }
            b.append("        if (received.payload() instanceof ").append(label).append(" m) {\n");
            b.append("            on").append(label).append("(m, received);\n        }\n");
        }
        b.append("    }\n");
    }

    private static String choiceEnum(ProtocolModel model, ProtocolModel.Role role, ProtocolModel.Choice c) {
        StringBuilder b = new StringBuilder(JavaGenerator.header(model));
        b.append("/** The branches of the choice ").append(role.name()).append(" decides at line ").append(c.line())
                .append(" of ").append(model.name()).append(". */\n");
        b.append("public enum ").append(c.enumName()).append(" {\n");
        for (int i = 0; i < c.branches().size(); i++) {
            ProtocolModel.Branch br = c.branches().get(i);
            b.append("    /** {@code ").append(JavaNames.doc(br.label()))
                    .append(br.guard().isEmpty() ? "" : " when (" + JavaNames.doc(br.guard()) + ")").append("} */\n");
            b.append("    ").append(br.constant()).append("(").append(JavaNames.literal(br.label())).append(")")
                    .append(i + 1 < c.branches().size() ? ",\n" : ";\n");
        }
        b.append("\n    /** The source line of the choice. */\n    public static final int LINE = ").append(c.line())
                .append(";\n");
        b.append("    /** The branch labels, in source order. */\n    public static final java.util.List<String> LABELS = "
                + "java.util.List.of(").append(c.labels().stream().map(JavaNames::literal)
                .collect(Collectors.joining(", "))).append(");\n\n");
        b.append("    private final String label;\n\n");
        b.append("    ").append(c.enumName()).append("(String label) {\n        this.label = label;\n    }\n\n");
        b.append("    /** The branch label as the protocol writes it. */\n    public String label() {\n"
                + "        return label;\n    }\n\n");
        b.append("    /** The branch labelled {@code label}. */\n    public static ").append(c.enumName())
                .append(" of(String label) {\n        for (").append(c.enumName()).append(" b : values()) {\n"
                        + "            if (b.label.equals(label)) {\n                return b;\n            }\n"
                        + "        }\n        throw new IllegalArgumentException(\"no branch '\" + label + \"' in ")
                .append(c.enumName()).append("; branches: \" + LABELS);\n    }\n}\n");
        return b.toString();
    }

    private static String guards(ProtocolModel model, ProtocolModel.Role role) {
        StringBuilder b = new StringBuilder(JavaGenerator.header(model));
        String components = role.guardVariables().entrySet().stream()
                .map(e -> e.getValue() + " " + JavaNames.member(e.getKey())).collect(Collectors.joining(", "));
        b.append("/** The variables the guards of ").append(role.name()).append("'s choices read, typed by their use. */\n");
        b.append("public record ").append(role.name()).append("Guards(").append(components).append(") {\n\n");
        b.append("    /** The values by the names the guards use. */\n");
        b.append("    public java.util.Map<String, Object> toMap() {\n");
        b.append("        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();\n");
        role.guardVariables().keySet().forEach(v -> b.append("        values.put(").append(JavaNames.literal(v))
                .append(", this.").append(JavaNames.member(v)).append(");\n"));
        b.append("        return values;\n    }\n}\n");
        return b.toString();
    }
}
