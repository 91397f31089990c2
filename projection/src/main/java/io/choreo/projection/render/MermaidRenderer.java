package io.choreo.projection.render;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.print.PrettyPrinter;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import java.util.List;

/**
 * Draws a global protocol as a Mermaid sequence diagram: choices as {@code alt}, loops as {@code loop}, parallel
 * blocks as {@code par}, implicit control messages as dashed arrows, annotations in the message text.
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
        r.body(protocol.body(), "    ");
        return r.out.toString();
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

    private static String text(Global.Comm c) {
        StringBuilder b = new StringBuilder(c.message().toString().replace(";", ","));
        if (!(c.from().index() instanceof RoleRef.Index.None) || !(c.to().index() instanceof RoleRef.Index.None)) {
            b.append(" (").append(c.from()).append(" to ").append(c.to()).append(')');
        }
        if (c.annotations().present()) {
            b.append(' ').append(PrettyPrinter.annotations(c.annotations()).replace("\"", "'"));
        }
        if (c.implicit()) {
            b.append(" (implicit)");
        }
        return b.toString().replace("#", "");
    }
}
