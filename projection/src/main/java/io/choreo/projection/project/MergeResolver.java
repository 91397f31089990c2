package io.choreo.projection.project;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.source.Span;
import io.choreo.projection.global.Global;
import io.choreo.projection.local.LocalType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /** Most sets a single merge may build before giving up. */
    private static final int MAX_SETS = 20_000;

    /** One branch of a choice as the projected role sees it. */
    record Candidate(String label, Optional<io.choreo.dsl.ast.Expr> guard, LocalType type, Span span) {
    }

    record Pending(Global.Choice choice, List<Candidate> candidates) {
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

    private LocalType resolve(LocalType t, Scope scope, Bound out) {
        Map<Bound, LocalType> byOut = memo.computeIfAbsent(t, x -> new HashMap<>())
                .computeIfAbsent(scope, x -> new HashMap<>());
        LocalType done = byOut.get(out);
        if (done != null) {
            return done;
        }
        long before = reentries;
        LocalType result = rebuild(t, scope, out);
        if (reentries == before) {
            byOut.put(out, result);
        }
        return result;
    }

    private LocalType rebuild(LocalType t, Scope scope, Bound out) {
        if (t instanceof LocalType.Var v) {
            return pending.containsKey(v.variable()) ? merge(v.variable(), scope, out) : v;
        } else if (t instanceof LocalType.Send s) {
            LocalType k = resolve(s.cont(), scope, out);
            return k == s.cont() ? s : new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(),
                    s.implicit(), k);
        } else if (t instanceof LocalType.Recv r) {
            LocalType k = resolve(r.cont(), scope, out);
            return k == r.cont() ? r : new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(),
                    r.implicit(), k);
        } else if (t instanceof LocalType.Select s) {
            return new LocalType.Select(branches(s.branches(), scope, out), s.origin());
        } else if (t instanceof LocalType.Offer o) {
            return new LocalType.Offer(o.peer(), branches(o.branches(), scope, out), o.origin());
        } else if (t instanceof LocalType.Rec r) {
            LocalType body = resolve(r.body(), scope.enter(r), out.push(r));
            return Projector.mentions(body, r.variable()) ? new LocalType.Rec(r.variable(), body) : body;
        } else if (t instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(r.count(), resolve(r.body(), scope, out), resolve(r.cont(), scope, out));
        } else if (t instanceof LocalType.Par p) {
            return new LocalType.Par(p.branches().stream().map(b -> resolve(b, scope, out)).toList(),
                    resolve(p.cont(), scope, out));
        } else if (t instanceof LocalType.Guarded g) {
            return new LocalType.Guarded(g.condition(), resolve(g.body(), scope, out), resolve(g.cont(), scope, out));
        }
        return t;
    }

    private List<LocalType.Branch> branches(List<LocalType.Branch> branches, Scope scope, Bound out) {
        return branches.stream().map(b -> new LocalType.Branch(b.label(), b.guard(), resolve(b.type(), scope, out)))
                .toList();
    }

    /** A point in a branch: a term and the recursion variables in scope there. Compared by identity. */
    private record Pos(LocalType term, Scope scope) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pos p && p.term == term && p.scope == scope;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(term) * 31 + System.identityHashCode(scope);
        }
    }

    /** Where a position came from: the branch of the merged choice, and the label to show for an offer. */
    private record Info(String branch, String hint, Span span) {
    }

    private static final class Conflict extends Exception {
        final Pos left;
        final Pos right;
        final String reason;

        Conflict(Pos left, Pos right, String reason) {
            super(reason, null, false, false);
            this.left = left;
            this.right = right;
            this.reason = reason;
        }
    }

    /** The state of one merge: the sets built so far and the positions' provenance. */
    private final class Merge {
        final Scope at;
        final Bound out;
        final Map<Pos, Info> info = new HashMap<>();
        final Map<Set<Pos>, LocalType> built = new HashMap<>();
        final Map<Set<Pos>, String> open = new LinkedHashMap<>();
        final Set<Set<Pos>> looping = new HashSet<>();

        Merge(Scope at, Bound out) {
            this.at = at;
            this.out = out;
        }

        /** The positions reached from {@code seeds} without acting: recursion unfolded, merges and offers opened. */
        Set<Pos> closure(List<Pos> seeds) {
            Set<Pos> atoms = new LinkedHashSet<>();
            Set<Pos> seen = new HashSet<>();
            Deque<Pos> todo = new ArrayDeque<>(seeds);
            while (!todo.isEmpty()) {
                Pos p = todo.poll();
                if (!seen.add(p)) {
                    continue;
                }
                Info from = info.get(p);
                LocalType t = p.term();
                if (t instanceof LocalType.Rec r) {
                    follow(todo, p, new Pos(r.body(), p.scope().enter(r)), from, null);
                } else if (t instanceof LocalType.Var v && pending.containsKey(v.variable())) {
                    for (Candidate c : pending.get(v.variable()).candidates()) {
                        follow(todo, p, new Pos(c.type(), p.scope()), from, c.label());
                    }
                } else if (t instanceof LocalType.Var v) {
                    Scope binder = p.scope().lookup(v.variable());
                    if (binder == null) {
                        atoms.add(p);
                    } else {
                        follow(todo, p, new Pos(binder.rec().body(), binder), from, null);
                    }
                } else if (t instanceof LocalType.Offer o) {
                    for (LocalType.Branch b : o.branches()) {
                        follow(todo, p, new Pos(b.type(), p.scope()), from, b.label());
                    }
                } else {
                    atoms.add(p);
                }
            }
            return atoms;
        }

        private void follow(Deque<Pos> todo, Pos from, Pos to, Info inherited, String hint) {
            Info i = inherited == null ? new Info("?", hint, Span.NONE) : inherited;
            info.putIfAbsent(to, hint == null ? i : new Info(i.branch(), hint, i.span()));
            todo.add(to);
        }

        LocalType build(Set<Pos> atoms) throws Conflict {
            LocalType done = built.get(atoms);
            if (done != null) {
                return done;
            }
            String name = open.get(atoms);
            if (name != null) {
                looping.add(atoms);
                return new LocalType.Var(name);
            }
            if (atoms.size() == 1 && emittable(atoms.iterator().next())) {
                Pos only = atoms.iterator().next();
                LocalType t = resolve(only.term(), only.scope(), out);
                built.put(atoms, t);
                return t;
            }
            if (built.size() + open.size() > MAX_SETS) {
                Pos any = atoms.iterator().next();
                throw new Conflict(any, any, "the merge needs more than " + MAX_SETS + " states");
            }
            open.put(atoms, freshName());
            LocalType body = step(atoms);
            String var = open.remove(atoms);
            LocalType t = looping.contains(atoms) ? new LocalType.Rec(var, body) : body;
            built.put(atoms, t);
            return t;
        }

        private LocalType step(Set<Pos> atoms) throws Conflict {
            List<Pos> list = new ArrayList<>(atoms);
            Pos first = list.get(0);
            LocalType head = first.term();
            for (Pos p : list) {
                if (!sameKind(head, p.term())) {
                    throw new Conflict(first, p, "it is not told the branch by a message it receives first");
                }
            }
            if (head instanceof LocalType.End) {
                return head;
            } else if (head instanceof LocalType.Var v) {
                throw new Conflict(first, first, "recursion variable " + v.variable() + " is not bound");
            } else if (head instanceof LocalType.Send s) {
                for (Pos p : list) {
                    LocalType.Send o = (LocalType.Send) p.term();
                    if (!o.peer().toString().equals(s.peer().toString()) || !o.message().equals(s.message())) {
                        throw new Conflict(first, p, "it sends different messages and is not told the branch");
                    }
                }
                LocalType k = build(closure(list.stream().map(p -> advance(p, ((LocalType.Send) p.term()).cont()))
                        .toList()));
                return new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(), s.implicit(), k);
            } else if (head instanceof LocalType.Recv r) {
                return receives(list, r);
            } else if (head instanceof LocalType.Select s) {
                return select(list, s);
            }
            return structured(list);
        }

        private LocalType receives(List<Pos> list, LocalType.Recv head) throws Conflict {
            Map<String, List<Pos>> byLabel = new LinkedHashMap<>();
            for (Pos p : list) {
                LocalType.Recv r = (LocalType.Recv) p.term();
                if (!r.peer().toString().equals(head.peer().toString())) {
                    throw new Conflict(list.get(0), p, "the first messages come from different roles, "
                            + head.peer() + " and " + r.peer() + ", so their order is not guaranteed");
                }
                List<Pos> group = byLabel.computeIfAbsent(r.label(), l -> new ArrayList<>());
                if (!group.isEmpty() && !((LocalType.Recv) group.get(0).term()).message().equals(r.message())) {
                    throw new Conflict(group.get(0), p, "the same label " + r.label()
                            + " carries different payload types, " + ((LocalType.Recv) group.get(0).term()).message()
                            + " and " + r.message());
                }
                group.add(p);
            }
            List<LocalType.Branch> branches = new ArrayList<>();
            for (List<Pos> group : byLabel.values()) {
                LocalType.Recv r = (LocalType.Recv) group.get(0).term();
                LocalType k = build(closure(group.stream().map(p -> advance(p, ((LocalType.Recv) p.term()).cont()))
                        .toList()));
                LocalType recv = new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(),
                        r.implicit(), k);
                String label = group.stream().map(p -> info.get(p)).filter(Objects::nonNull).map(Info::hint)
                        .filter(Objects::nonNull).findFirst().orElse(r.label());
                branches.add(new LocalType.Branch(label, Optional.empty(), recv));
            }
            if (branches.size() == 1) {
                return branches.get(0).type();
            }
            return new LocalType.Offer(head.peer(), branches, head.origin());
        }

        private LocalType select(List<Pos> list, LocalType.Select head) throws Conflict {
            List<String> labels = head.branches().stream().map(LocalType.Branch::label).toList();
            for (Pos p : list) {
                List<String> other = ((LocalType.Select) p.term()).branches().stream().map(LocalType.Branch::label)
                        .toList();
                if (!other.equals(labels)) {
                    throw new Conflict(list.get(0), p, "it chooses among different branches, " + labels + " and "
                            + other);
                }
            }
            List<LocalType.Branch> branches = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                int at = i;
                LocalType k = build(closure(list.stream().map(p -> advance(p,
                        ((LocalType.Select) p.term()).branches().get(at).type())).toList()));
                branches.add(new LocalType.Branch(labels.get(i), head.branches().get(i).guard(), k));
            }
            return new LocalType.Select(branches, head.origin());
        }

        /** Loops with a count, parallel blocks and instance guards merge only when equal; their continuations merge. */
        private LocalType structured(List<Pos> list) throws Conflict {
            Pos first = list.get(0);
            for (Pos p : list) {
                if (!sameStructure(first.term(), p.term())) {
                    throw new Conflict(first, p, "it does different things and is not told the branch");
                }
            }
            LocalType k = build(closure(list.stream().map(p -> advance(p, cont(p.term()))).toList()));
            LocalType h = first.term();
            if (h instanceof LocalType.Repeat r) {
                return new LocalType.Repeat(r.count(), resolve(r.body(), first.scope(), out), k);
            } else if (h instanceof LocalType.Par p) {
                return new LocalType.Par(p.branches().stream().map(b -> resolve(b, first.scope(), out)).toList(),
                        k);
            }
            LocalType.Guarded g = (LocalType.Guarded) h;
            return new LocalType.Guarded(g.condition(), resolve(g.body(), first.scope(), out), k);
        }

        private Pos advance(Pos from, LocalType next) {
            Pos to = new Pos(next, from.scope());
            Info i = info.get(from);
            if (i != null) {
                info.putIfAbsent(to, new Info(i.branch(), null, i.span()));
            }
            return to;
        }

        /** A lone position is written out as it is when every variable it uses is bound around it in the output. */
        private boolean emittable(Pos p) {
            for (String v : free(p.term())) {
                Scope binder = p.scope().lookup(v);
                if (binder == null || !out.encloses(binder.rec())) {
                    return false;
                }
            }
            return true;
        }
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
        Merge m = new Merge(scope, out);
        List<Pos> seeds = new ArrayList<>();
        for (Candidate c : pd.candidates()) {
            Pos p = new Pos(c.type(), scope);
            m.info.putIfAbsent(p, new Info(c.label(), c.label(), c.span()));
            seeds.add(p);
        }
        try {
            return m.build(m.closure(seeds));
        } catch (Conflict f) {
            report(pd.choice(), m, f);
            return resolve(pd.candidates().get(0).type(), scope, out);
        }
    }

    private void report(Global.Choice choice, Merge m, Conflict f) {
        Info left = m.info.getOrDefault(f.left, new Info("?", null, choice.span()));
        Info right = m.info.getOrDefault(f.right, new Info("?", null, choice.span()));
        String where = "choice " + choice.role() + " at line " + choice.span().line();
        sink.report(Diagnostic.error("E210", "knowledge of choice: role '" + role + "' cannot tell which branch of "
                + where + " was taken: in branch '" + left.branch() + "' it " + Describe.of(f.left.term())
                + ", in branch '" + right.branch() + "' it " + Describe.of(f.right.term()) + " (" + f.reason + ")",
                span(f.left.term(), left), "make " + choice.role() + " send '" + role
                        + "' a message with a distinct label first in each branch, or make '" + role
                        + "' behave the same in all branches").withRelated(span(f.right.term(), right)));
    }

    private static Span span(LocalType t, Info i) {
        Span s = Describe.origin(t);
        return s.isNone() ? i.span() : s;
    }

    private String freshName() {
        String name;
        do {
            name = "M" + (++names);
        } while (taken.contains(name));
        return name;
    }

    private static boolean sameKind(LocalType a, LocalType b) {
        return a.getClass() == b.getClass();
    }

    private static boolean sameStructure(LocalType a, LocalType b) {
        if (a instanceof LocalType.Repeat x && b instanceof LocalType.Repeat y) {
            return x.count().equals(y.count()) && x.body().equals(y.body());
        } else if (a instanceof LocalType.Par x && b instanceof LocalType.Par y) {
            return x.branches().equals(y.branches());
        } else if (a instanceof LocalType.Guarded x && b instanceof LocalType.Guarded y) {
            return x.condition().equals(y.condition()) && x.body().equals(y.body());
        }
        return false;
    }

    private static LocalType cont(LocalType t) {
        if (t instanceof LocalType.Repeat r) {
            return r.cont();
        } else if (t instanceof LocalType.Par p) {
            return p.cont();
        }
        return ((LocalType.Guarded) t).cont();
    }

    /** Free recursion variables of {@code t} (placeholders excluded), memoised by identity. */
    private Set<String> free(LocalType t) {
        Set<String> known = freeVars.get(t);
        if (known != null) {
            return known;
        }
        Set<String> out = new HashSet<>();
        if (t instanceof LocalType.Var v) {
            if (!pending.containsKey(v.variable())) {
                out.add(v.variable());
            } else {
                pending.get(v.variable()).candidates().forEach(c -> out.addAll(free(c.type())));
            }
        } else if (t instanceof LocalType.Rec r) {
            out.addAll(free(r.body()));
            out.remove(r.variable());
        } else {
            for (LocalType child : Describe.children(t)) {
                out.addAll(free(child));
            }
        }
        freeVars.put(t, out);
        return out;
    }
}
