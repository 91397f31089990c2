package io.choreo.projection.global;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Walks core global protocols: every node, every message, the roles involved. */
public final class Traversal {
    private Traversal() {
    }

    /** Visits every node of {@code body}, depth first, in source order. */
    public static void forEach(List<Global> body, Consumer<Global> visitor) {
        for (Global g : body) {
            visitor.accept(g);
            for (List<Global> child : children(g)) {
                forEach(child, visitor);
            }
        }
    }

    /** The statement lists directly nested in a node. */
    public static List<List<Global>> children(Global g) {
        if (g instanceof Global.Choice c) {
            return c.branches().stream().map(Global.Branch::body).toList();
        } else if (g instanceof Global.Repeat r) {
            return List.of(r.body());
        } else if (g instanceof Global.Rec r) {
            return List.of(r.body());
        } else if (g instanceof Global.Par p) {
            return p.branches();
        }
        return List.of();
    }

    public static List<Global.Comm> messages(List<Global> body) {
        List<Global.Comm> out = new ArrayList<>();
        forEach(body, g -> {
            if (g instanceof Global.Comm c) {
                out.add(c);
            }
        });
        return out;
    }

    /** Roles that send or receive anything in {@code body}, or decide a choice in it, in order of appearance. */
    public static Set<String> roles(List<Global> body) {
        Set<String> out = new LinkedHashSet<>();
        forEach(body, g -> {
            if (g instanceof Global.Comm c) {
                out.add(c.from().role());
                out.add(c.to().role());
            } else if (g instanceof Global.Choice c) {
                out.add(c.deciderRole());
            }
        });
        return out;
    }

    public static boolean involves(String role, List<Global> body) {
        return roles(body).contains(role);
    }
}
