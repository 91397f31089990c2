package io.choreo.projection.project;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.source.Span;
import io.choreo.projection.global.Global;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypeRewrite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Full merge, done once the whole projection of a role is built so that recursion can be unfolded
 * (equi-recursive merge). The {@link Projector} leaves a placeholder variable where a role that does not decide a
 * choice must merge its branches; this pass replaces each placeholder by a subset construction over the branches:
 * a set of positions (term, scope) steps together while all positions agree — identical sends move together,
 * receives from one sender are unioned by label (same label only with the same payload types), equal loops and
 * parallel blocks move together, and a set that loops back to itself becomes a {@code rec}. Anything else is a
 * knowledge-of-choice error naming the role and both source locations.
 */
final class MergeResolver {
    /** Prefix of placeholder variables: not an identifier, so it never clashes with a user's label. */
    static final String PLACEHOLDER = "§merge";

    /** One branch of a choice as the projected role sees it. */
    record Candidate(String label, Optional<io.choreo.dsl.ast.Expr> guard, LocalType type, Span span) {
    }

    /** A merge to do: the choice, its branches, and whether it sits in a loop body or parallel branch. */
    record Pending(Global.Choice choice, List<Candidate> candidates, boolean inGroup) {
    }

    private final String role;
    private final DiagnosticSink sink;
    private final Map<String, Pending> pending;
    private final Set<String> taken;
    private final IdentityHashMap<LocalType, Map<Scope, Map<Bound, LocalType>>> memo = new IdentityHashMap<>();
    private final IdentityHashMap<LocalType, Set<String>> freeVars = new IdentityHashMap<>();
    private int names;

    MergeResolver(String role, DiagnosticSink sink, Map<String, Pending> pending, Set<String> taken) {
        this.role = role;
        this.sink = sink;
        this.pending = pending;
        this.taken = taken;
    }

    /** {@code t} with every placeholder replaced by its merge. */
    LocalType resolve(LocalType t) {
        return pending.isEmpty() ? t : resolve(t, Scope.root(), Bound.NONE);
    }

    /**
     * The {@code rec} nodes of the input that enclose a point of the output, innermost first: a variable may be
     * left in the output only where its {@code rec} encloses it there too. Interned, so it can key the memo.
     */
    static final class Bound {
        static final Bound NONE = new Bound(null, null);
        private final LocalType.Rec rec;
        private final Bound parent;
        private final Map<LocalType.Rec, Bound> children = new IdentityHashMap<>();

        private Bound(LocalType.Rec rec, Bound parent) {
            this.rec = rec;
            this.parent = parent;
        }

        Bound push(LocalType.Rec r) {
            return children.computeIfAbsent(r, x -> new Bound(x, this));
        }

        boolean encloses(LocalType.Rec r) {
            for (Bound b = this; b != null && b.rec != null; b = b.parent) {
                if (b.rec == r) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A node of the sequential spine: its memo, the reentry count before it, and its resolved bodies. */
    private record Link(LocalType node, Map<Bound, LocalType> byOut, long before, List<LocalType> bodies) {
    }

    /**
     * {@code t} resolved in {@code scope} for output point {@code out}. The sequential spine (sends, receives and
     * the continuations of loops, parallel blocks and guards) is walked with a loop, and only bodies and branches
     * recurse: the stack grows with the nesting of the protocol, not its length. Each node is memoised unless its
     * result used a back-reference to an enclosing merge.
     */
    LocalType resolve(LocalType t, Scope scope, Bound out) {
        List<Link> spine = new ArrayList<>();
        LocalType u = t;
        LocalType result;
        while (true) {
            Map<Bound, LocalType> byOut = memo.computeIfAbsent(u, x -> new HashMap<>())
                    .computeIfAbsent(scope, x -> new HashMap<>());
            LocalType done = byOut.get(out);
            if (done != null) {
                result = done;
                break;
            }
            long before = reentries;
            if (u instanceof LocalType.Send s) {
                spine.add(new Link(u, byOut, before, List.of()));
                u = s.cont();
            } else if (u instanceof LocalType.Recv r) {
                spine.add(new Link(u, byOut, before, List.of()));
                u = r.cont();
            } else if (u instanceof LocalType.Repeat r) {
                spine.add(new Link(u, byOut, before, List.of(resolve(r.body(), scope, out))));
                u = r.cont();
            } else if (u instanceof LocalType.Par p) {
                spine.add(new Link(u, byOut, before, p.branches().stream().map(b -> resolve(b, scope, out))
                        .toList()));
                u = p.cont();
            } else if (u instanceof LocalType.Guarded g) {
                spine.add(new Link(u, byOut, before, List.of(resolve(g.body(), scope, out))));
                u = g.cont();
            } else {
                result = rebuild(u, scope, out);
                if (reentries == before) {
                    byOut.put(out, result);
                }
                break;
            }
        }
        for (int i = spine.size() - 1; i >= 0; i--) {
            Link link = spine.get(i);
            result = relink(link, result);
            if (reentries == link.before()) {
                link.byOut().put(out, result);
            }
        }
        return result;
    }

    /** A spine node with its resolved bodies and continuation {@code k}. */
    private static LocalType relink(Link link, LocalType k) {
        LocalType t = link.node();
        if (t instanceof LocalType.Send s) {
            return k == s.cont() ? s : new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(),
                    s.implicit(), k);
        } else if (t instanceof LocalType.Recv r) {
            return k == r.cont() ? r : new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(),
                    r.implicit(), k);
        } else if (t instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(r.count(), link.bodies().get(0), k);
        } else if (t instanceof LocalType.Par p) {
            return new LocalType.Par(link.bodies(), k);
        }
        LocalType.Guarded g = (LocalType.Guarded) t;
        return new LocalType.Guarded(g.condition(), link.bodies().get(0), k);
    }

    /** A node off the spine: a placeholder (merged), a variable, a choice, a {@code rec}, or {@code end}. */
    private LocalType rebuild(LocalType t, Scope scope, Bound out) {
        if (t instanceof LocalType.Var v) {
            return pending.containsKey(v.variable()) ? merge(v.variable(), scope, out) : v;
        } else if (t instanceof LocalType.Select s) {
            return s.withBranches(branches(s.branches(), scope, out));
        } else if (t instanceof LocalType.Offer o) {
            return new LocalType.Offer(o.peer(), branches(o.branches(), scope, out), o.origin());
        } else if (t instanceof LocalType.Rec r) {
            LocalType body = resolve(r.body(), scope.enter(r), out.push(r));
            return Projector.mentions(body, r.variable()) ? new LocalType.Rec(r.variable(), body) : body;
        }
        return t;
    }

    private List<LocalType.Branch> branches(List<LocalType.Branch> branches, Scope scope, Bound out) {
        return branches.stream().map(b -> new LocalType.Branch(b.label(), b.guard(), resolve(b.type(), scope, out)))
                .toList();
    }

    /** Merges being built, by placeholder and scope, with the variable that refers back to them. */
    private final Map<String, Map<Scope, String>> inProgress = new HashMap<>();
    private final Set<String> reentered = new HashSet<>();
    /** Counts back-references handed out; a result that used one refers to an enclosing merge and is not memoised. */
    private long reentries;

    private LocalType merge(String placeholder, Scope scope, Bound out) {
        Map<Scope, String> open = inProgress.computeIfAbsent(placeholder, x -> new HashMap<>());
        String back = open.get(scope);
        if (back != null) {
            reentries++;
            reentered.add(back);
            return new LocalType.Var(back);
        }
        String name = freshName();
        open.put(scope, name);
        LocalType merged;
        try {
            merged = mergeOnce(placeholder, scope, out);
        } finally {
            open.remove(scope);
        }
        return reentered.remove(name) ? new LocalType.Rec(name, merged) : merged;
    }

    private LocalType mergeOnce(String placeholder, Scope scope, Bound out) {
        Pending pd = pending.get(placeholder);
        SubsetMerge m = new SubsetMerge(this, pending, scope, out, pd.inGroup());
        List<SubsetMerge.Pos> seeds = new ArrayList<>();
        for (Candidate c : pd.candidates()) {
            SubsetMerge.Pos p = new SubsetMerge.Pos(c.type(), scope);
            m.info.putIfAbsent(p, new SubsetMerge.Info(c.label(), c.label(), c.span()));
            seeds.add(p);
        }
        try {
            return m.build(m.closure(seeds));
        } catch (SubsetMerge.Conflict f) {
            report(pd.choice(), m, f);
            return resolve(pd.candidates().get(0).type(), scope, out);
        }
    }

    private void report(Global.Choice choice, SubsetMerge m, SubsetMerge.Conflict f) {
        SubsetMerge.Info left = m.info.getOrDefault(f.left, new SubsetMerge.Info("?", null, choice.span()));
        SubsetMerge.Info right = m.info.getOrDefault(f.right, new SubsetMerge.Info("?", null, choice.span()));
        String where = "choice " + choice.role() + " at line " + choice.span().line();
        sink.report(Diagnostic.error("E210", "knowledge of choice: role '" + role + "' cannot tell which branch of "
                + where + " was taken: in branch '" + left.branch() + "' it " + Describe.of(f.left.term())
                + ", in branch '" + right.branch() + "' it " + Describe.of(f.right.term()) + " (" + f.reason + ")",
                span(f.left.term(), left), "make " + choice.role() + " send '" + role
                        + "' a message with a distinct label first in each branch, or make '" + role
                        + "' behave the same in all branches").withRelated(span(f.right.term(), right)));
    }

    private static Span span(LocalType t, SubsetMerge.Info i) {
        Span s = Describe.origin(t);
        return s.isNone() ? i.span() : s;
    }

    String freshName() {
        String name;
        do {
            name = "M" + (++names);
        } while (taken.contains(name));
        return name;
    }

    /** The free recursion variables of {@code root}, pending merges looked through; iterative and memoised. */
    Set<String> free(LocalType root) {
        java.util.ArrayDeque<LocalType> work = new java.util.ArrayDeque<>();
        Set<LocalType> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        work.push(root);
        while (!work.isEmpty()) {
            LocalType t = work.peek();
            if (freeVars.containsKey(t)) {
                work.pop();
                continue;
            }
            List<LocalType> inside = inside(t);
            if (open.add(t)) {
                for (LocalType d : inside) {
                    if (!freeVars.containsKey(d) && !open.contains(d)) {
                        work.push(d);
                    }
                }
                continue;
            }
            work.pop();
            Set<String> out = new HashSet<>();
            if (t instanceof LocalType.Var v && !pending.containsKey(v.variable())) {
                out.add(v.variable());
            }
            for (LocalType d : inside) {
                out.addAll(freeVars.getOrDefault(d, Set.of()));   // a node still open is a cycle: nothing new
            }
            if (t instanceof LocalType.Rec r) {
                out.remove(r.variable());
            }
            freeVars.put(t, out);
        }
        return freeVars.get(root);
    }

    /** What the free variables of {@code t} are made of: its components, or a pending merge's candidates. */
    private List<LocalType> inside(LocalType t) {
        if (t instanceof LocalType.Var v) {
            return pending.containsKey(v.variable())
                    ? pending.get(v.variable()).candidates().stream().map(Candidate::type).toList() : List.of();
        }
        return LocalTypeRewrite.components(t);
    }
}
