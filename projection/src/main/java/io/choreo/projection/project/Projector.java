package io.choreo.projection.project;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.LateMessage;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import io.choreo.projection.local.IndexCondition;
import io.choreo.projection.local.LocalType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Projects a core global protocol onto one role. Roles not involved in a construct skip it; roles not deciding a
 * choice get the {@link MergeResolver full merge} of its branches; an array role gets one parametric type whose parts that
 * concern only some instances are {@link LocalType.Guarded guarded} by an index condition.
 */
public final class Projector {
    private final GlobalProtocol protocol;
    private final String role;
    private final boolean array;
    private final Map<String, MergeResolver.Pending> pending = new LinkedHashMap<>();
    private final Map<Global, Boolean> escapes = new IdentityHashMap<>();
    /** The one instance being projected, inside a construct only that instance of this array takes part in. */
    private Integer onlyFor;
    /** How many loop bodies and parallel branches enclose the node being projected. */
    private int groups;

    private Projector(GlobalProtocol protocol, String role) {
        this.protocol = protocol;
        this.role = role;
        this.array = protocol.role(role).map(RoleDecl::isArray).orElse(false);
    }

    /** The local type of {@code role}; knowledge-of-choice errors go to {@code sink}. */
    public static LocalType project(GlobalProtocol protocol, String role, DiagnosticSink sink) {
        if (protocol.role(role).isEmpty()) {
            throw new IllegalArgumentException("no role '" + role + "' in " + protocol.name() + "; roles: "
                    + protocol.roleNames());
        }
        Projector p = new Projector(protocol, role);
        LocalType raw = p.project(protocol.body(), LocalType.end());
        Set<String> taken = new HashSet<>();
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Rec r) {
                taken.add(r.label());
            }
        });
        return new MergeResolver(role, sink, p.pending, taken).resolve(raw);
    }

    private LocalType project(List<Global> body, LocalType cont) {
        LocalType t = cont;
        for (int i = body.size() - 1; i >= 0; i--) {
            t = project(body.get(i), t);
        }
        return t;
    }

    private LocalType project(Global g, LocalType k) {
        if (g instanceof Global.Comm c) {
            return comm(c, k);
        } else if (g instanceof Global.Continue c) {
            return new LocalType.Var(c.label());
        }
        if (!Traversal.involves(role, List.of(g)) && !escapes(g)) {
            return k;
        }
        Optional<Integer> only = array && !escapes(g) ? onlyInstance(g) : Optional.empty();
        if (only.isPresent()) {
            Integer outer = onlyFor;
            onlyFor = only.get();
            LocalType mine = involved(g, k);
            onlyFor = outer;
            return new LocalType.Guarded(new IndexCondition.Equals(only.get()), mine,
                    new LocalType.Guarded(new IndexCondition.NotEquals(only.get()), k, LocalType.end()));
        }
        return involved(g, k);
    }

    /**
     * The one instance of this array role that takes part in {@code g}, if only one does (every reference is
     * {@code W[k]}, every decider {@code W[k]}): the other instances skip {@code g} altogether.
     */
    private Optional<Integer> onlyInstance(Global g) {
        Map<String, RoleRef.Index> refs = new LinkedHashMap<>();
        Traversal.forEach(List.of(g), n -> {
            if (n instanceof Global.Comm c) {
                for (RoleRef r : List.of(c.from(), c.to())) {
                    if (r.role().equals(role)) {
                        refs.put(r.index().toString(), r.index());
                    }
                }
            } else if (n instanceof Global.Choice c && c.deciderRole().equals(role)) {
                refs.put(c.decider().index().toString(), c.decider().index());
            }
        });
        return refs.size() == 1 && refs.values().iterator().next() instanceof RoleRef.Index.At at
                ? Optional.of(at.index()) : Optional.empty();
    }

    private LocalType involved(Global g, LocalType k) {
        if (g instanceof Global.Choice c) {
            return choice(c, k);
        } else if (g instanceof Global.Repeat r) {
            groups++;
            LocalType body = project(r.body(), LocalType.end());
            groups--;
            return new LocalType.Repeat(r.count(), body, k);
        } else if (g instanceof Global.Rec r) {
            LocalType body = project(r.body(), k);
            return mentions(body, r.label()) ? new LocalType.Rec(r.label(), body) : body;
        } else if (g instanceof Global.Par p) {
            List<List<Global>> involved = p.branches().stream().filter(b -> Traversal.involves(role, b)).toList();
            if (involved.size() == 1) {
                return project(involved.get(0), k);
            }
            groups++;
            List<LocalType> branches = involved.stream().map(b -> project(b, LocalType.end())).toList();
            groups--;
            return new LocalType.Par(branches, k);
        }
        throw new IllegalArgumentException("unknown global node " + g);
    }

    private LocalType comm(Global.Comm c, LocalType k) {
        LocalType t = k;
        Optional<Optional<IndexCondition>> receives = involvement(c.to());
        if (receives.isPresent()) {
            LocalType.Recv recv = new LocalType.Recv(c.from(), c.message(), c.annotations(), c.span(), c.implicit(),
                    receives.get().isPresent() ? LocalType.end() : t);
            t = receives.get().isPresent() ? new LocalType.Guarded(receives.get().get(), recv, t) : recv;
        }
        Optional<Optional<IndexCondition>> sends = involvement(c.from());
        if (sends.isPresent()) {
            LocalType.Send send = new LocalType.Send(c.to(), c.message(), c.annotations(), c.span(), c.implicit(),
                    sends.get().isPresent() ? LocalType.end() : t);
            t = sends.get().isPresent() ? new LocalType.Guarded(sends.get().get(), send, t) : send;
        }
        return t;
    }

    /**
     * Whether {@code ref} concerns the projected role: empty if not; present and empty if every instance (or the
     * plain role) takes part; present with a condition if only the instances it selects do.
     */
    private Optional<Optional<IndexCondition>> involvement(RoleRef ref) {
        if (!ref.role().equals(role)) {
            return Optional.empty();
        }
        if (!array) {
            return Optional.of(Optional.empty());
        }
        RoleRef.Index index = ref.index();
        if (index instanceof RoleRef.Index.At at) {
            return Optional.of(Optional.of(new IndexCondition.Equals(at.index())));
        } else if (index instanceof RoleRef.Index.Range range) {
            return Optional.of(Optional.of(new IndexCondition.InRange(range.from(), range.to())));
        }
        return Optional.of(Optional.empty());
    }

    private LocalType choice(Global.Choice c, LocalType k) {
        List<MergeResolver.Candidate> branches = new ArrayList<>();
        Optional<LateMessage> late = LateMessage.of(c).filter(m -> !c.deciderRole().equals(role));
        for (Global.Branch b : c.branches()) {
            // the sender of a late message sends it whether or not the deadline passed: first, in its view
            List<Global> body = late.isPresent() && late.get().timeout() == b ? late.get().sendersView() : b.body();
            branches.add(new MergeResolver.Candidate(b.label(), b.guard(), project(body, k), b.span()));
        }
        if (c.deciderRole().equals(role)) {
            LocalType.Select select = new LocalType.Select(branches.stream()
                    .map(b -> new LocalType.Branch(b.label(), b.guard(), b.type())).toList(), c.span(), c.deadline());
            if (array && c.decider().index() instanceof RoleRef.Index.At at
                    && !Integer.valueOf(at.index()).equals(onlyFor)) {
                List<MergeResolver.Candidate> others = branches.stream().map(b -> new MergeResolver.Candidate(
                        b.label(), b.guard(), InstanceGuards.without(b.type(), at.index()), b.span())).toList();
                return new LocalType.Guarded(new IndexCondition.Equals(at.index()), select,
                        new LocalType.Guarded(new IndexCondition.NotEquals(at.index()), merge(c, others),
                                LocalType.end()));
            }
            return select;
        }
        return merge(c, branches);
    }

    /** The merge of a choice's branches for a role that does not decide it (a placeholder resolved later). */
    private LocalType merge(Global.Choice c, List<MergeResolver.Candidate> branches) {
        LocalType first = branches.get(0).type();
        if (branches.stream().allMatch(b -> b.type().equals(first))) {
            return first;
        }
        String placeholder = MergeResolver.PLACEHOLDER + (pending.size() + 1);
        pending.put(placeholder, new MergeResolver.Pending(c, branches, groups > 0));
        return new LocalType.Var(placeholder);
    }

    /** Whether {@code g} contains a {@code continue} to a {@code rec} outside it (so it cannot be skipped). */
    private boolean escapes(Global g) {
        Boolean known = escapes.get(g);
        if (known == null) {
            known = escaping(List.of(g), new HashSet<>());
            escapes.put(g, known);
        }
        return known;
    }

    private static boolean escaping(List<Global> body, Set<String> bound) {
        for (Global g : body) {
            if (g instanceof Global.Continue c && !bound.contains(c.label())) {
                return true;
            }
            Set<String> inner = bound;
            if (g instanceof Global.Rec r) {
                inner = new HashSet<>(bound);
                inner.add(r.label());
            }
            for (List<Global> child : Traversal.children(g)) {
                if (escaping(child, inner)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code t} refers to recursion variable {@code variable} (not shadowed). */
    static boolean mentions(LocalType t, String variable) {
        return io.choreo.projection.local.LocalTypes.anyNode(t, x -> x instanceof LocalType.Var v
                        && (v.variable().equals(variable) || v.variable().startsWith(MergeResolver.PLACEHOLDER)),
                x -> x instanceof LocalType.Rec r && r.variable().equals(variable));
    }
}
