package io.choreo.projection.project;

import io.choreo.dsl.source.Span;
import io.choreo.projection.local.LocalType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One merge of a role's branches by subset construction (see {@link MergeResolver}): a set of positions steps
 * together while they agree, and a set met again on the way becomes a {@code rec}. Receives from different senders
 * merge only when receive-valid: on no branch can a later message from one sender be taken for the first message
 * of another branch from that sender.
 */
final class SubsetMerge {
    /** Most sets a single merge may build before giving up. */
    private static final int MAX_SETS = 20_000;
    /**
     * Stands for any label: the end of a loop body or parallel branch, after which the next iteration or the rest
     * of the protocol may bring any message.
     */
    private static final String ANY = "*";

    /** A point in a branch: a term and the recursion variables in scope there. Compared by identity. */
    record Pos(LocalType term, Scope scope) {
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
    record Info(String branch, String hint, Span span) {
    }

    static final class Conflict extends Exception {
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

    final Scope at;
    final MergeResolver.Bound out;
    private final MergeResolver resolver;
    private final boolean inGroup;
    private final Map<String, MergeResolver.Pending> pending;
    final Map<Pos, Info> info = new HashMap<>();
    final Map<Set<Pos>, LocalType> built = new HashMap<>();
    final Map<Set<Pos>, String> open = new LinkedHashMap<>();
    final Set<Set<Pos>> looping = new HashSet<>();

    SubsetMerge(MergeResolver resolver, Map<String, MergeResolver.Pending> pending, Scope at,
                MergeResolver.Bound out, boolean inGroup) {
        this.inGroup = inGroup;
        this.resolver = resolver;
        this.pending = pending;
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
                for (MergeResolver.Candidate c : pending.get(v.variable()).candidates()) {
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

    /** A set that steps by one message to exactly one next set: the message, to be rebuilt around the next's type. */
    private record Link(Set<Pos> atoms, LocalType message, Set<Pos> next) {
        LocalType wrap(LocalType k) {
            if (message instanceof LocalType.Send s) {
                return new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(), s.implicit(), k);
            }
            LocalType.Recv r = (LocalType.Recv) message;
            return new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(), r.implicit(), k);
        }
    }

    /**
     * The merged type from {@code atoms}. Sets that step by one message (all send it, or all receive it) to one next
     * set are followed with a loop, so the stack grows with the nesting of the branches, not their length.
     */
    LocalType build(Set<Pos> atoms) throws Conflict {
        List<Link> chain = new ArrayList<>();
        Set<Pos> a = atoms;
        LocalType t;
        while (true) {
            t = known(a);
            if (t != null) {
                break;
            }
            open.put(a, resolver.freshName());
            Link link = link(a);
            if (link == null) {
                t = close(a, step(a));
                break;
            }
            chain.add(link);
            a = link.next();
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            t = close(chain.get(i).atoms(), chain.get(i).wrap(t));
        }
        return t;
    }

    /** The type of {@code atoms} if it is built, open (a loop back) or a lone position written out as it is. */
    private LocalType known(Set<Pos> atoms) throws Conflict {
        LocalType done = built.get(atoms);
        if (done != null) {
            return done;
        }
        String name = open.get(atoms);
        if (name != null) {
            looping.add(atoms);
            return new LocalType.Var(name);
        }
        Pos only = atoms.iterator().next();
        if (atoms.size() == 1 && emittable(only)) {
            LocalType t = resolver.resolve(only.term(), only.scope(), out);
            built.put(atoms, t);
            return t;
        }
        if (built.size() + open.size() > MAX_SETS) {
            throw new Conflict(only, only, "the merge needs more than " + MAX_SETS + " states");
        }
        return null;
    }

    private LocalType close(Set<Pos> atoms, LocalType body) {
        String var = open.remove(atoms);
        LocalType t = looping.contains(atoms) ? new LocalType.Rec(var, body) : body;
        built.put(atoms, t);
        return t;
    }

    /** The step of {@code atoms} if they all send the same message or all receive one same message, else null. */
    private Link link(Set<Pos> atoms) throws Conflict {
        List<Pos> list = new ArrayList<>(atoms);
        Pos first = list.get(0);
        LocalType head = first.term();
        if (!(head instanceof LocalType.Message m)) {
            return null;
        }
        for (Pos p : list) {
            if (!Shapes.sameKind(head, p.term())) {
                throw new Conflict(first, p, "it is not told the branch by a message it receives first");
            }
        }
        for (Pos p : list) {
            LocalType.Message o = (LocalType.Message) p.term();
            boolean same = o.peer().toString().equals(m.peer().toString()) && o.message().equals(m.message());
            if (!same && head instanceof LocalType.Send) {
                throw new Conflict(first, p, "it sends different messages and is not told the branch");
            } else if (!same) {
                return null;   // receives of several messages: an offer, or a conflict that receives() names
            }
        }
        List<Pos> after = list.stream().map(p -> advance(p, ((LocalType.Message) p.term()).cont())).toList();
        return new Link(atoms, head, closure(after));
    }

    private LocalType step(Set<Pos> atoms) throws Conflict {
        List<Pos> list = new ArrayList<>(atoms);
        Pos first = list.get(0);
        LocalType head = first.term();
        for (Pos p : list) {
            if (!Shapes.sameKind(head, p.term())) {
                throw new Conflict(first, p, "it is not told the branch by a message it receives first");
            }
        }
        if (head instanceof LocalType.End) {
            return head;
        } else if (head instanceof LocalType.Var v) {
            throw new Conflict(first, first, "recursion variable " + v.variable() + " is not bound");
        } else if (head instanceof LocalType.Recv r) {
            return receives(list, r);
        } else if (head instanceof LocalType.Select s) {
            return select(list, s);
        }
        return structured(list);
    }

    private LocalType receives(List<Pos> list, LocalType.Recv head) throws Conflict {
        Map<String, List<Pos>> byMessage = new LinkedHashMap<>();
        for (Pos p : list) {
            LocalType.Recv r = (LocalType.Recv) p.term();
            List<Pos> group = byMessage.computeIfAbsent(r.peer() + "?" + r.label(), l -> new ArrayList<>());
            if (!group.isEmpty() && !((LocalType.Recv) group.get(0).term()).message().equals(r.message())) {
                throw new Conflict(group.get(0), p, "the same label " + r.label()
                        + " carries different payload types, " + ((LocalType.Recv) group.get(0).term()).message()
                        + " and " + r.message());
            }
            group.add(p);
        }
        List<LocalType.Branch> branches = new ArrayList<>();
        Map<String, List<Pos>> continuations = new LinkedHashMap<>();
        for (Map.Entry<String, List<Pos>> e : byMessage.entrySet()) {
            List<Pos> group = e.getValue();
            LocalType.Recv r = (LocalType.Recv) group.get(0).term();
            List<Pos> after = group.stream().map(p -> advance(p, ((LocalType.Recv) p.term()).cont())).toList();
            continuations.put(e.getKey(), after);
            LocalType recv = new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(), r.implicit(),
                    build(closure(after)));
            String label = group.stream().map(p -> info.get(p)).filter(Objects::nonNull).map(Info::hint)
                    .filter(Objects::nonNull).findFirst().orElse(r.label());
            branches.add(new LocalType.Branch(label, Optional.empty(), recv));
        }
        receiveValid(byMessage, continuations);
        if (branches.size() == 1) {
            return branches.get(0).type();
        }
        return new LocalType.Offer(head.peer(), branches, head.origin());
    }

    /**
     * Receives from several senders merge only if, after each branch's first message, the first message from every
     * other sender of the set can never carry a label that sender starts another branch with: per-sender FIFO order
     * then guarantees the role reads the branch from the message that was meant to tell it.
     */
    private void receiveValid(Map<String, List<Pos>> byMessage, Map<String, List<Pos>> continuations)
            throws Conflict {
        Map<String, Set<String>> firstLabels = new LinkedHashMap<>();
        Map<String, Pos> witness = new HashMap<>();
        byMessage.forEach((key, group) -> {
            LocalType.Recv r = (LocalType.Recv) group.get(0).term();
            firstLabels.computeIfAbsent(r.peer().toString(), x -> new HashSet<>()).add(r.label());
            witness.putIfAbsent(r.peer().toString(), group.get(0));
        });
        if (firstLabels.size() < 2) {
            return;
        }
        for (Map.Entry<String, List<Pos>> e : continuations.entrySet()) {
            String sender = ((LocalType.Recv) byMessage.get(e.getKey()).get(0).term()).peer().toString();
            for (Map.Entry<String, Set<String>> other : firstLabels.entrySet()) {
                if (other.getKey().equals(sender)) {
                    continue;
                }
                for (String label : firstReceives(e.getValue(), other.getKey())) {
                    if (other.getValue().contains(label) || label.equals(ANY)) {
                        throw new Conflict(byMessage.get(e.getKey()).get(0), witness.get(other.getKey()),
                                "the branches start with messages from different roles, " + sender + " and "
                                        + other.getKey() + ", and after " + sender + "'s message "
                                        + (label.equals(ANY) ? "the next iteration's" : "a " + label) + " message from "
                                        + other.getKey() + " could arrive first and be taken for the start of another "
                                        + "branch");
                    }
                }
            }
        }
    }

    /** Labels of the first message received from {@code sender} on each path from {@code from}. */
    private Set<String> firstReceives(List<Pos> from, String sender) {
        Set<String> labels = new HashSet<>();
        Set<Pos> seen = new HashSet<>();
        Deque<Pos> todo = new ArrayDeque<>(closure(from));
        while (!todo.isEmpty()) {
            Pos p = todo.poll();
            if (!seen.add(p)) {
                continue;
            }
            LocalType t = p.term();
            List<LocalType> next = new ArrayList<>();
            if (t instanceof LocalType.Recv r && r.peer().toString().equals(sender)) {
                labels.add(r.label());
            } else if (t instanceof LocalType.End && inGroup) {
                labels.add(ANY);
            } else if (t instanceof LocalType.Recv r) {
                next.add(r.cont());
            } else if (t instanceof LocalType.Send s) {
                next.add(s.cont());
            } else if (t instanceof LocalType.Select s) {
                s.branches().forEach(b -> next.add(b.type()));
            } else if (!(t instanceof LocalType.End) && !(t instanceof LocalType.Var)) {
                Shapes.receivesInside(t, sender, labels);
                next.add(Shapes.cont(t));
            }
            for (LocalType n : next) {
                todo.addAll(closure(List.of(new Pos(n, p.scope()))));
            }
        }
        return labels;
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
        return head.withBranches(branches);
    }

    /** Loops with a count, parallel blocks and instance guards merge only when equal; their continuations merge. */
    private LocalType structured(List<Pos> list) throws Conflict {
        Pos first = list.get(0);
        for (Pos p : list) {
            if (!Shapes.sameStructure(first.term(), p.term())) {
                throw new Conflict(first, p, "it does different things and is not told the branch");
            }
        }
        LocalType k = build(closure(list.stream().map(p -> advance(p, Shapes.cont(p.term()))).toList()));
        LocalType h = first.term();
        if (h instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(r.count(), resolver.resolve(r.body(), first.scope(), out), k);
        } else if (h instanceof LocalType.Par p) {
            return new LocalType.Par(p.branches().stream().map(b -> resolver.resolve(b, first.scope(), out)).toList(),
                    k);
        }
        LocalType.Guarded g = (LocalType.Guarded) h;
        return new LocalType.Guarded(g.condition(), resolver.resolve(g.body(), first.scope(), out), k);
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
        for (String v : resolver.free(p.term())) {
            Scope binder = p.scope().lookup(v);
            if (binder == null || !out.encloses(binder.rec())) {
                return false;
            }
        }
        return true;
    }
}
