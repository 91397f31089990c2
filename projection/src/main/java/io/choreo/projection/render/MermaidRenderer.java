package io.choreo.projection.render;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.print.PrettyPrinter;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws a global protocol as a Mermaid sequence diagram: choices as {@code alt}, loops as {@code loop}, parallel
 * blocks as {@code par}, implicit control messages as dashed arrows (explained once), annotations in the message
 * text, and which instances of an array send or receive in a word or two instead of a repeated role reference.
 */
public final class MermaidRenderer {
    private final StringBuilder out = new StringBuilder();
    private final String firstRole;

    private MermaidRenderer(String firstRole) {
        this.firstRole = firstRole;
    }

    public static String render(GlobalProtocol protocol) {
        MermaidRenderer r = new MermaidRenderer(protocol.roles().isEmpty() ? "?" : protocol.roles().get(0).name());
        r.out.append("sequenceDiagram\n");
        r.out.append("    title ").append(protocol.name()).append('\n');
        for (RoleDecl role : protocol.roles()) {
            r.out.append("    participant ").append(role.name());
            if (role.isArray()) {
                r.out.append(" as ").append(role.name()).append(arraySuffix(role));
            }
            r.out.append('\n');
        }
        if (protocol.roles().size() > 1 && hasImplicit(protocol.body())) {
            r.out.append("    Note over ").append(r.firstRole).append(',')
                    .append(protocol.roles().get(protocol.roles().size() - 1).name())
                    .append(": dashed arrows are implicit control messages\n");
        }
        r.body(protocol.body(), "    ");
        return r.out.toString();
    }

    private static boolean hasImplicit(List<Global> body) {
        return Traversal.messages(body).stream().anyMatch(Global.Comm::implicit);
    }

    private static String arraySuffix(RoleDecl role) {
        RoleDecl.Multiplicity m = role.multiplicity();
        if (m instanceof RoleDecl.Multiplicity.Fixed f) {
            return "[" + f.count() + "]";
        } else if (m instanceof RoleDecl.Multiplicity.Symbolic s) {
            return "[" + s.symbol() + "]";
        }
        return "[*]";
    }

    private void body(List<Global> body, String indent) {
        for (Global g : body) {
            node(g, indent);
        }
    }

    private void node(Global g, String indent) {
        if (g instanceof Global.Comm c) {
            out.append(indent).append(c.from().role()).append(c.implicit() ? "-->>" : "->>").append(c.to().role())
                    .append(": ").append(text(c)).append('\n');
        } else if (g instanceof Global.Choice c) {
            for (int i = 0; i < c.branches().size(); i++) {
                Global.Branch b = c.branches().get(i);
                out.append(indent).append(i == 0 ? "alt " : "else ").append(c.role()).append(" chooses ")
                        .append(b.label());
                b.guard().ifPresent(e -> out.append(" when ").append(PrettyPrinter.expression(e)));
                out.append('\n');
                body(b.body(), indent + "    ");
            }
            out.append(indent).append("end\n");
        } else if (g instanceof Global.Repeat r) {
            out.append(indent).append("loop ").append(r.count()).append(" times\n");
            body(r.body(), indent + "    ");
            out.append(indent).append("end\n");
        } else if (g instanceof Global.Rec r) {
            out.append(indent).append("loop rec ").append(r.label()).append('\n');
            body(r.body(), indent + "    ");
            out.append(indent).append("end\n");
        } else if (g instanceof Global.Continue c) {
            out.append(indent).append("Note over ").append(firstRole).append(": continue ").append(c.label())
                    .append('\n');
        } else if (g instanceof Global.Par p) {
            for (int i = 0; i < p.branches().size(); i++) {
                out.append(indent).append(i == 0 ? "par\n" : "and\n");
                body(p.branches().get(i), indent + "    ");
            }
            out.append(indent).append("end\n");
        }
    }

    /**
     * The arrow's text: the message, which instances of an array take part in words ({@code from each},
     * {@code to all}, {@code to [0]}) and the annotations. Implicit messages are told by their dashed arrow alone.
     */
    private static String text(Global.Comm c) {
        StringBuilder b = new StringBuilder(c.message().toString().replace(";", ","));
        List<String> instances = new ArrayList<>();
        instances(c.from().index(), "from").ifPresent(instances::add);
        instances(c.to().index(), "to").ifPresent(instances::add);
        if (!instances.isEmpty()) {
            b.append(" (").append(String.join(", ", instances)).append(')');
        }
        if (c.annotations().present()) {
            b.append(' ').append(PrettyPrinter.annotations(c.annotations()).replace("\"", "'"));
        }
        return b.toString().replace("#", "");
    }

    private static Optional<String> instances(RoleRef.Index index, String direction) {
        if (index instanceof RoleRef.Index.All) {
            return Optional.of(direction + " all");
        } else if (index instanceof RoleRef.Index.Each) {
            return Optional.of(direction + " each");
        } else if (index instanceof RoleRef.Index.None) {
            return Optional.empty();
        }
        return Optional.of(direction + " " + index);
    }
}
