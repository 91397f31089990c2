package io.choreo.projection.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a local type bottom-up with an explicit work list, so a rewrite of a type as long as its protocol never
 * recurses. A {@link Rule} says which nodes are replaced outright and which components are rewritten; shared
 * continuations are rewritten once, and a node whose components come back unchanged is kept as it is.
 */
public final class LocalTypeRewrite {
    private LocalTypeRewrite() {
    }

    /** A context-free rewrite: the same node always rewrites to the same result. */
    public interface Rule {
        /** The result for {@code t} without looking inside it, or {@code null} to rewrite its components. */
        LocalType replace(LocalType t);

        /** Whether component {@code slot} of {@code t} (see {@link #components}) is rewritten. */
        default boolean descends(LocalType t, int slot) {
            return true;
        }

        /** {@code t} rebuilt from its rewritten components; by default the same node with the new components. */
        default LocalType rebuild(LocalType t, List<LocalType> parts) {
            return with(t, parts);
        }
    }

    /** The local types directly inside {@code t}, in a fixed order. */
    public static List<LocalType> components(LocalType t) {
        if (t instanceof LocalType.Send s) {
            return List.of(s.cont());
        } else if (t instanceof LocalType.Recv r) {
            return List.of(r.cont());
        } else if (t instanceof LocalType.Select s) {
            return s.branches().stream().map(LocalType.Branch::type).toList();
        } else if (t instanceof LocalType.Offer o) {
            return o.branches().stream().map(LocalType.Branch::type).toList();
        } else if (t instanceof LocalType.Rec r) {
            return List.of(r.body());
        } else if (t instanceof LocalType.Repeat r) {
            return List.of(r.body(), r.cont());
        } else if (t instanceof LocalType.Par p) {
            List<LocalType> out = new ArrayList<>(p.branches());
            out.add(p.cont());
            return out;
        } else if (t instanceof LocalType.Guarded g) {
            return List.of(g.body(), g.cont());
        }
        return List.of();
    }

    /** {@code t} with its components replaced by {@code parts} (same order as {@link #components}). */
    public static LocalType with(LocalType t, List<LocalType> parts) {
        if (parts.equals(components(t)) && sameObjects(parts, components(t))) {
            return t;
        }
        if (t instanceof LocalType.Send s) {
            return new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(), s.implicit(), parts.get(0));
        } else if (t instanceof LocalType.Recv r) {
            return new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(), r.implicit(), parts.get(0));
        } else if (t instanceof LocalType.Select s) {
            return s.withBranches(branches(s.branches(), parts));
        } else if (t instanceof LocalType.Offer o) {
            return new LocalType.Offer(o.peer(), branches(o.branches(), parts), o.origin());
        } else if (t instanceof LocalType.Rec r) {
            return new LocalType.Rec(r.variable(), parts.get(0));
        } else if (t instanceof LocalType.Repeat r) {
            return new LocalType.Repeat(r.count(), parts.get(0), parts.get(1));
        } else if (t instanceof LocalType.Par p) {
            return new LocalType.Par(parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1));
        } else if (t instanceof LocalType.Guarded g) {
            return new LocalType.Guarded(g.condition(), parts.get(0), parts.get(1));
        }
        return t;
    }

    private static boolean sameObjects(List<LocalType> a, List<LocalType> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static List<LocalType.Branch> branches(List<LocalType.Branch> old, List<LocalType> types) {
        List<LocalType.Branch> out = new ArrayList<>(old.size());
        for (int i = 0; i < old.size(); i++) {
            out.add(new LocalType.Branch(old.get(i).label(), old.get(i).guard(), types.get(i)));
        }
        return out;
    }

    /** A node on the work list; {@code ready} once its components have been queued. */
    private record Frame(LocalType type, boolean ready) {
    }

    /** Applies {@code rule} to {@code root}. */
    public static LocalType apply(LocalType root, Rule rule) {
        Map<LocalType, LocalType> done = new IdentityHashMap<>();
        ArrayDeque<Frame> work = new ArrayDeque<>();
        work.push(new Frame(root, false));
        while (!work.isEmpty()) {
            Frame f = work.pop();
            LocalType t = f.type();
            if (done.containsKey(t)) {
                continue;
            }
            List<LocalType> parts = components(t);
            if (f.ready()) {
                List<LocalType> rebuilt = new ArrayList<>(parts.size());
                for (int i = 0; i < parts.size(); i++) {
                    rebuilt.add(rule.descends(t, i) ? done.get(parts.get(i)) : parts.get(i));
                }
                done.put(t, rule.rebuild(t, rebuilt));
                continue;
            }
            LocalType replaced = rule.replace(t);
            if (replaced != null) {
                done.put(t, replaced);
                continue;
            }
            work.push(new Frame(t, true));
            for (int i = parts.size() - 1; i >= 0; i--) {
                if (rule.descends(t, i) && !done.containsKey(parts.get(i))) {
                    work.push(new Frame(parts.get(i), false));
                }
            }
        }
        return done.get(root);
    }
}
