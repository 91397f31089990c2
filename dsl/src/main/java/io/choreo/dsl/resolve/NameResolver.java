package io.choreo.dsl.resolve;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.ChoreographyFile;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.ast.SubProtocol;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.diagnostic.Suggestions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks names against declarations: duplicate and undefined roles, indices on plain roles, missing indices on
 * arrays, literal indices and ranges outside fixed arrays, duplicate sub-protocols.
 */
public final class NameResolver {
    private final DiagnosticSink sink;
    private Map<String, RoleDecl> roles;

    private NameResolver(DiagnosticSink sink) {
        this.sink = sink;
    }

    public static void check(ChoreographyFile file, DiagnosticSink sink) {
        NameResolver resolver = new NameResolver(sink);
        file.choreographies().forEach(resolver::check);
    }

    private void check(Choreography c) {
        roles = new HashMap<>();
        for (RoleDecl role : c.roles()) {
            RoleDecl first = roles.putIfAbsent(role.name(), role);
            if (first != null) {
                sink.report(Diagnostic.error("E101", "role '" + role.name() + "' is declared twice", role.span(),
                        "remove one of the declarations").withRelated(first.span()));
            }
        }
        if (c.roles().isEmpty()) {
            sink.report(Diagnostic.error("E100", "choreography '" + c.name() + "' declares no roles", c.span(),
                    "add a line such as: roles: Client, Server;"));
        }
        Map<String, SubProtocol> subs = new HashMap<>();
        for (SubProtocol sub : c.subProtocols()) {
            SubProtocol first = subs.putIfAbsent(sub.name(), sub);
            if (first != null) {
                sink.report(Diagnostic.error("E105", "sub-protocol '" + sub.name() + "' is declared twice",
                        sub.span(), "give each sub-protocol its own name").withRelated(first.span()));
            }
            statements(sub.body());
        }
        statements(c.body());
    }

    private void statements(List<Statement> body) {
        for (Statement s : body) {
            statement(s);
        }
    }

    private void statement(Statement s) {
        if (s instanceof Statement.Interaction i) {
            roleRef(i.from());
            if (i.to() instanceof RoleRef to) {
                roleRef(to);
            }
        } else if (s instanceof Statement.Choice ch) {
            decider(ch.role(), ch.roleSpan(), "decide a choice");
            ch.branches().forEach(b -> statements(b.body()));
        } else if (s instanceof Statement.Loop loop) {
            if (loop.kind() instanceof Statement.LoopKind.Decides d) {
                decider(d.role(), d.roleSpan(), "decide a loop");
            }
            statements(loop.body());
        } else if (s instanceof Statement.Parallel p) {
            p.branches().forEach(this::statements);
        } else if (s instanceof Statement.Rec r) {
            statements(r.body());
        }
    }

    /** A decider is a plain role or one instance of an array ({@code W[2]}), never a whole array. */
    private void decider(String text, io.choreo.dsl.source.Span span, String what) {
        RoleRef ref = RoleRef.decider(text, span);
        if (ref.index() instanceof RoleRef.Index.At) {
            roleRef(ref);
            return;
        }
        RoleDecl decl = lookup(text, span);
        if (decl != null && decl.isArray()) {
            sink.report(Diagnostic.error("E106", "role array '" + text + "' cannot " + what, span,
                    "let one instance decide (" + text + "[0]) or a plain role, and inform the others with a message"));
        }
    }

    private RoleDecl lookup(String name, io.choreo.dsl.source.Span span) {
        RoleDecl decl = roles.get(name);
        if (decl == null) {
            sink.report(Diagnostic.error("E102", "undefined role '" + name + "'", span,
                    Suggestions.hint(name, roles.keySet().stream().sorted().toList(), "declared roles")));
        }
        return decl;
    }

    private void roleRef(RoleRef ref) {
        RoleDecl decl = lookup(ref.role(), ref.span());
        if (decl == null) {
            return;
        }
        RoleRef.Index index = ref.index();
        if (!decl.isArray()) {
            if (!(index instanceof RoleRef.Index.None)) {
                sink.report(Diagnostic.error("E103", "role '" + ref.role() + "' is not an array and takes no index",
                        ref.span(), "write " + ref.role() + ", or declare it as " + ref.role() + "[N]"));
            }
            return;
        }
        if (index instanceof RoleRef.Index.None) {
            sink.report(Diagnostic.error("E104", "role array '" + ref.role() + "' needs an index", ref.span(),
                    "write " + ref.role() + "[0] (one), " + ref.role() + "[*] (all), " + ref.role()
                            + "[i] (each) or " + ref.role() + "[0..k] (range)"));
            return;
        }
        if (decl.multiplicity() instanceof RoleDecl.Multiplicity.Fixed fixed) {
            int count = fixed.count();
            if (index instanceof RoleRef.Index.At at && at.index() >= count) {
                outOfRange(ref, at.index(), count);
            } else if (index instanceof RoleRef.Index.Range range
                    && range.to() instanceof Bound.Literal hi && hi.value() > count) {
                outOfRange(ref, hi.value() - 1, count);
            }
        }
    }

    private void outOfRange(RoleRef ref, int index, int count) {
        sink.report(Diagnostic.error("E107", "index " + index + " is out of range for " + ref.role() + "[" + count
                + "]", ref.span(), "valid indices are 0 to " + (count - 1)));
    }
}
