package io.choreo.projection.global;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.Destination;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.ast.SubProtocol;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.diagnostic.Suggestions;
import io.choreo.dsl.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers a DSL choreography to the core {@link GlobalProtocol}:
 * <ul>
 *   <li>{@code A ->* : M} becomes one message to each other role ({@code F[*]} for arrays);</li>
 *   <li>{@code call P} inlines sub-protocol {@code P} (undefined and cyclic calls are errors);</li>
 *   <li>{@code loop (decides: R) { B }} becomes
 *       {@code rec LoopN { choice R { continue: { [R -> X: Continue]; B; continue LoopN } done: { R -> X: Done } } }}
 *       where {@code Continue} goes only to roles whose first action in {@code B} is not a receive from {@code R},
 *       and {@code Done} to every other role of the loop. Both are implicit messages.</li>
 * </ul>
 */
public final class Desugarer {
    /** Label of the implicit message that tells a role the loop goes on. */
    public static final String CONTINUE = "Continue";
    /** Label of the implicit message that tells a role the loop is over. */
    public static final String DONE = "Done";
    /** Choice labels of a desugared decides-loop. */
    public static final String CONTINUE_BRANCH = "continue";
    public static final String DONE_BRANCH = "done";

    private final Choreography source;
    private final DiagnosticSink sink;
    private final Deque<String> callStack = new ArrayDeque<>();
    private final Set<String> usedLabels = new HashSet<>();
    private int loopCounter;

    private Desugarer(Choreography source, DiagnosticSink sink) {
        this.source = source;
        this.sink = sink;
    }

    public static GlobalProtocol desugar(Choreography source, DiagnosticSink sink) {
        Desugarer d = new Desugarer(source, sink);
        d.collectRecLabels(source.body());
        source.subProtocols().forEach(p -> d.collectRecLabels(p.body()));
        List<Global> body = d.lower(source.body());
        return new GlobalProtocol(source.name(), source.namespace(), source.roles(), body, source);
    }

    private void collectRecLabels(List<Statement> body) {
        for (Statement s : body) {
            if (s instanceof Statement.Rec r) {
                usedLabels.add(r.label());
                collectRecLabels(r.body());
            } else if (s instanceof Statement.Choice c) {
                c.branches().forEach(b -> collectRecLabels(b.body()));
            } else if (s instanceof Statement.Loop l) {
                collectRecLabels(l.body());
            } else if (s instanceof Statement.Parallel p) {
                p.branches().forEach(this::collectRecLabels);
            }
        }
    }

    private List<Global> lower(List<Statement> body) {
        List<Global> out = new ArrayList<>();
        for (Statement s : body) {
            lower(s, out);
        }
        return out;
    }

    private void lower(Statement s, List<Global> out) {
        if (s instanceof Statement.Interaction i) {
            if (i.to() instanceof RoleRef to) {
                out.add(new Global.Comm(i.from(), to, i.message(), i.annotations(), i.span(), false));
            } else {
                for (RoleDecl role : source.roles()) {
                    if (!role.name().equals(i.from().role())) {
                        RoleRef to = new RoleRef(role.name(), role.isArray() ? new RoleRef.Index.All()
                                : new RoleRef.Index.None(), ((Destination.EveryoneElse) i.to()).span());
                        out.add(new Global.Comm(i.from(), to, i.message(), i.annotations(), i.span(), false));
                    }
                }
            }
        } else if (s instanceof Statement.Choice c) {
            out.add(new Global.Choice(c.role(), c.branches().stream()
                    .map(b -> new Global.Branch(b.label(), b.guard(), lower(b.body()), b.span())).toList(), c.span(),
                    c.deadline()));
        } else if (s instanceof Statement.Loop l) {
            List<Global> body = lower(l.body());
            if (l.kind() instanceof Statement.LoopKind.Count count) {
                out.add(new Global.Repeat(count.count(), body, l.span()));
            } else {
                Statement.LoopKind.Decides d = (Statement.LoopKind.Decides) l.kind();
                out.add(decidesLoop(d.role(), body, l.span()));
            }
        } else if (s instanceof Statement.Parallel p) {
            out.add(new Global.Par(p.branches().stream().map(this::lower).toList(), p.span()));
        } else if (s instanceof Statement.Rec r) {
            out.add(new Global.Rec(r.label(), lower(r.body()), r.span()));
        } else if (s instanceof Statement.Continue c) {
            out.add(new Global.Continue(c.label(), c.span()));
        } else if (s instanceof Statement.Call call) {
            inline(call, out);
        }
    }

    private void inline(Statement.Call call, List<Global> out) {
        Optional<SubProtocol> sub = source.subProtocol(call.protocol());
        if (sub.isEmpty()) {
            sink.report(Diagnostic.error("E206", "undefined sub-protocol '" + call.protocol() + "'", call.span(),
                    Suggestions.hint(call.protocol(), source.subProtocols().stream().map(SubProtocol::name).toList(),
                            "declared sub-protocols")));
            return;
        }
        if (callStack.contains(call.protocol())) {
            List<String> cycle = new ArrayList<>(callStack);
            java.util.Collections.reverse(cycle);
            cycle.add(call.protocol());
            sink.report(Diagnostic.error("E207", "sub-protocol '" + call.protocol() + "' calls itself: "
                    + String.join(" -> ", cycle), call.span(),
                    "use rec/continue or a loop for repetition; calls are inlined"));
            return;
        }
        callStack.push(call.protocol());
        try {
            for (Statement s : sub.get().body()) {
                lower(s, out);
            }
        } finally {
            callStack.pop();
        }
    }

    private Global decidesLoop(String decider, List<Global> body, Span span) {
        String label;
        do {
            label = "Loop" + (++loopCounter);
        } while (!usedLabels.add(label));
        RoleRef from = RoleRef.decider(decider, span);
        List<Global> continueBranch = new ArrayList<>();
        List<Global> doneBranch = new ArrayList<>();
        for (String role : Traversal.roles(body)) {
            if (role.equals(decider)) {
                continue;
            }
            boolean told = FirstAction.isReceiveFrom(role, decider, body);
            for (RoleRef to : recipients(role, from, body, span)) {
                if (!told) {
                    continueBranch.add(implicit(from, to, CONTINUE, span));
                }
                doneBranch.add(implicit(from, to, DONE, span));
            }
        }
        continueBranch.addAll(body);
        continueBranch.add(new Global.Continue(label, span));
        Global.Choice choice = new Global.Choice(decider, List.of(
                new Global.Branch(CONTINUE_BRANCH, Optional.empty(), continueBranch, span),
                new Global.Branch(DONE_BRANCH, Optional.empty(), doneBranch, span)), span);
        return new Global.Rec(label, List.of(choice), span);
    }

    private RoleRef refAll(String role, Span span) {
        boolean array = source.role(role).map(RoleDecl::isArray).orElse(false);
        return new RoleRef(role, array ? new RoleRef.Index.All() : new RoleRef.Index.None(), span);
    }

    private Global.Comm implicit(RoleRef from, RoleRef to, String label, Span span) {
        return new Global.Comm(from, to, MessageType.of(label), Annotations.none(), span, true);
    }

    /**
     * Who a loop's decider tells: every instance of {@code role} — but when one instance of that same array decides,
     * only the others ({@code W[0..k]} and {@code W[k+1..n]}), and only if they take part in the loop.
     */
    private List<RoleRef> recipients(String role, RoleRef decider, List<Global> body, Span span) {
        if (!(decider.index() instanceof RoleRef.Index.At at) || !decider.role().equals(role)) {
            return List.of(refAll(role, span));
        }
        boolean othersTakePart = Traversal.messages(body).stream().flatMap(c -> java.util.stream.Stream.of(c.from(),
                c.to())).anyMatch(r -> r.role().equals(role) && !r.isDecider(decider.toString()));
        if (!othersTakePart) {
            return List.of();
        }
        RoleDecl.Multiplicity m = source.role(role).map(RoleDecl::multiplicity).orElseThrow();
        Bound count;
        if (m instanceof RoleDecl.Multiplicity.Fixed f) {
            count = new Bound.Literal(f.count());
        } else if (m instanceof RoleDecl.Multiplicity.Symbolic s) {
            count = new Bound.Symbol(s.symbol());
        } else {
            sink.report(Diagnostic.error("E219", "instance " + decider + " of " + role + "[*] decides a loop the other "
                    + "instances take part in, but their number has no name", span,
                    "declare the array with a symbolic size (" + role + "[N]) or a fixed one"));
            return List.of();
        }
        List<RoleRef> out = new ArrayList<>();
        if (at.index() > 0) {
            out.add(new RoleRef(role, new RoleRef.Index.Range(new Bound.Literal(0),
                    new Bound.Literal(at.index())), span));
        }
        if (!(count instanceof Bound.Literal l) || l.value() > at.index() + 1) {
            out.add(new RoleRef(role, new RoleRef.Index.Range(new Bound.Literal(at.index() + 1),
                    count), span));
        }
        return out;
    }
}
