package io.choreo.projection.project;

import io.choreo.projection.local.LocalType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The recursion variables in scope at a point of a local type: each bound to its {@code rec} node. Scopes are
 * interned, so entering the same {@code rec} from the same scope always gives the same scope object: positions
 * (term, scope) can then be compared by identity, which is how unfolding a variable twice is recognised as a loop.
 */
final class Scope {
    /** A fresh outermost scope, binding nothing. */
    static Scope root() {
        return new Scope(null, null, null);
    }

    private final String variable;
    private final LocalType.Rec rec;
    private final Scope parent;
    private final Map<LocalType.Rec, Scope> children = new IdentityHashMap<>();

    private Scope(String variable, LocalType.Rec rec, Scope parent) {
        this.variable = variable;
        this.rec = rec;
        this.parent = parent;
    }

    /** The scope inside {@code rec}'s body. */
    Scope enter(LocalType.Rec r) {
        return children.computeIfAbsent(r, x -> new Scope(x.variable(), x, this));
    }

    /** The scope that binds {@code name}: its rec body is where the variable unfolds to. Null if unbound. */
    Scope lookup(String name) {
        for (Scope s = this; s != null && s.variable != null; s = s.parent) {
            if (s.variable.equals(name)) {
                return s;
            }
        }
        return null;
    }

    LocalType.Rec rec() {
        return rec;
    }
}
