package io.choreo.dsl.print;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.Attribute;
import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.ChoreographyFile;
import io.choreo.dsl.ast.Destination;
import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.ast.SubProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Prints an AST back to DSL text in a canonical layout; the output parses to an equal AST. */
public final class PrettyPrinter {
    private static final String INDENT = "    ";
    private final StringBuilder out = new StringBuilder();

    private PrettyPrinter() {
    }

    public static String print(ChoreographyFile file) {
        PrettyPrinter p = new PrettyPrinter();
        String indent = "";
        if (file.wrapped()) {
            p.out.append("choreography! {\n");
            indent = INDENT;
        }
        for (int i = 0; i < file.choreographies().size(); i++) {
            if (i > 0) {
                p.out.append('\n');
            }
            p.choreography(file.choreographies().get(i), indent);
        }
        if (file.wrapped()) {
            p.out.append("}\n");
        }
        return p.out.toString();
    }

    public static String print(Choreography choreography) {
        PrettyPrinter p = new PrettyPrinter();
        p.choreography(choreography, "");
        return p.out.toString();
    }

    private void choreography(Choreography c, String indent) {
        for (Attribute a : c.attributes()) {
            out.append(indent).append("#[").append(a.key()).append(" = ").append(quote(a.value())).append("]\n");
        }
        out.append(indent).append(c.keyword()).append(' ').append(c.name()).append(" {\n");
        String inner = indent + INDENT;
        if (!c.roles().isEmpty()) {
            out.append(inner).append("roles: ")
                    .append(c.roles().stream().map(PrettyPrinter::role).collect(Collectors.joining(", ")))
                    .append(";\n");
        }
        for (SubProtocol sub : c.subProtocols()) {
            out.append(inner).append("protocol ").append(sub.name()).append(" {\n");
            statements(sub.body(), inner + INDENT);
            out.append(inner).append("}\n");
        }
        statements(c.body(), inner);
        out.append(indent).append("}\n");
    }

    private static String role(RoleDecl r) {
        RoleDecl.Multiplicity m = r.multiplicity();
        if (m instanceof RoleDecl.Multiplicity.Fixed f) {
            return r.name() + "[" + f.count() + "]";
        } else if (m instanceof RoleDecl.Multiplicity.Symbolic s) {
            return r.name() + "[" + s.symbol() + "]";
        } else if (m instanceof RoleDecl.Multiplicity.Wildcard) {
            return r.name() + "[*]";
        }
        return r.name();
    }

    private void statements(List<Statement> body, String indent) {
        for (Statement s : body) {
            statement(s, indent);
        }
    }

    private void statement(Statement s, String indent) {
        out.append(indent);
        if (s instanceof Statement.Interaction i) {
            out.append(i.from()).append(annotations(i.annotations()));
            if (i.to() instanceof Destination.EveryoneElse) {
                out.append(" ->* : ");
            } else {
                out.append(" -> ").append(i.to()).append(": ");
            }
            out.append(i.message()).append(";\n");
        } else if (s instanceof Statement.Choice c) {
            out.append("choice ").append(c.role());
            c.deadline().ifPresent(d -> out.append(" within ").append(d));
            out.append(" {\n");
            for (Statement.Branch b : c.branches()) {
                out.append(indent).append(INDENT).append(b.label());
                b.guard().ifPresent(g -> out.append(" when (").append(expression(g)).append(')'));
                out.append(": {\n");
                statements(b.body(), indent + INDENT + INDENT);
                out.append(indent).append(INDENT).append("}\n");
            }
            out.append(indent).append("}\n");
        } else if (s instanceof Statement.Loop l) {
            out.append("loop (");
            if (l.kind() instanceof Statement.LoopKind.Count count) {
                out.append("count: ").append(count.count());
            } else if (l.kind() instanceof Statement.LoopKind.Decides d) {
                out.append("decides: ").append(d.role());
            }
            out.append(") ");
            block(l.body(), indent);
            out.append('\n');
        } else if (s instanceof Statement.Parallel p) {
            out.append("parallel ");
            for (int i = 0; i < p.branches().size(); i++) {
                if (i > 0) {
                    out.append(" and ");
                }
                block(p.branches().get(i), indent);
            }
            out.append('\n');
        } else if (s instanceof Statement.Rec r) {
            out.append("rec ").append(r.label()).append(' ');
            block(r.body(), indent);
            out.append('\n');
        } else if (s instanceof Statement.Continue c) {
            out.append("continue ").append(c.label()).append(";\n");
        } else if (s instanceof Statement.Call c) {
            out.append("call ").append(c.protocol()).append(";\n");
        }
    }

    private void block(List<Statement> body, String indent) {
        out.append("{\n");
        statements(body, indent + INDENT);
        out.append(indent).append('}');
    }

    /** The annotation list in source form, or the empty string for an unannotated message. */
    public static String annotations(Annotations a) {
        if (!a.present()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        a.guardCapability().ifPresent(c -> parts.add("guard_capability = " + quote(c)));
        a.flowCost().ifPresent(c -> parts.add("flow_cost = " + c));
        if (!a.journalFacts().isEmpty()) {
            parts.add("journal_facts = " + quote(String.join(",", a.journalFacts())));
        }
        if (a.journalMerge() || parts.isEmpty()) {
            parts.add("journal_merge = " + a.journalMerge());
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** A guard expression in source form, parenthesised only where precedence needs it. */
    public static String expression(Expr e) {
        return expression(e, 0);
    }

    private static String expression(Expr e, int context) {
        if (e instanceof Expr.IntLiteral i) {
            return Long.toString(i.value());
        } else if (e instanceof Expr.DecimalLiteral d) {
            return Double.toString(d.value());
        } else if (e instanceof Expr.BoolLiteral b) {
            return Boolean.toString(b.value());
        } else if (e instanceof Expr.StringLiteral s) {
            return quote(s.value());
        } else if (e instanceof Expr.Variable v) {
            return v.name();
        } else if (e instanceof Expr.Member m) {
            return expression(m.target(), 100) + "." + m.name();
        } else if (e instanceof Expr.Call c) {
            return expression(c.target(), 100) + "." + c.method() + "()";
        } else if (e instanceof Expr.Unary u) {
            return u.op().symbol() + expression(u.operand(), 100);
        } else if (e instanceof Expr.Binary b) {
            int p = b.op().precedence();
            String text = expression(b.left(), p) + " " + b.op().symbol() + " " + expression(b.right(), p + 1);
            return p < context ? "(" + text + ")" : text;
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
