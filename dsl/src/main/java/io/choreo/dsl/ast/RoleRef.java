package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;

/** A reference to a role or to instances of a role array: {@code A}, {@code W[0]}, {@code F[*]}, {@code F[i]}, {@code S[0..k]}. */
public record RoleRef(String role, Index index, Span span) implements Destination {

    public static RoleRef plain(String role) {
        return new RoleRef(role, new Index.None(), Span.NONE);
    }

    /** The role (or array instance) that decides a choice or loop, from its text: {@code Client} or {@code W[2]}. */
    public static RoleRef decider(String text, Span span) {
        int open = text.indexOf('[');
        if (open < 0 || !text.endsWith("]")) {
            return new RoleRef(text, new Index.None(), span);
        }
        return new RoleRef(text.substring(0, open),
                new Index.At(Integer.parseInt(text.substring(open + 1, text.length() - 1))), span);
    }

    /** Whether this reference names exactly the deciding participant {@code decider} (a role or one instance). */
    public boolean isDecider(String decider) {
        RoleRef d = decider(decider, Span.NONE);
        return role.equals(d.role()) && index.toString().equals(d.index().toString());
    }

    @Override
    public String toString() {
        return index instanceof Index.None ? role : role + index;
    }

    /** Which instances of the role are meant. */
    public sealed interface Index {
        /** A plain role, no brackets. */
        record None() implements Index {
            @Override
            public String toString() {
                return "";
            }
        }

        /** One instance: {@code W[0]}. */
        record At(int index) implements Index {
            @Override
            public String toString() {
                return "[" + index + "]";
            }
        }

        /** All instances: {@code F[*]} (broadcast as receiver). */
        record All() implements Index {
            @Override
            public String toString() {
                return "[*]";
            }
        }

        /** Each instance: {@code F[i]} (gather as sender, scatter as receiver). */
        record Each(String variable) implements Index {
            @Override
            public String toString() {
                return "[" + variable + "]";
            }
        }

        /** The half-open range {@code S[from..to]}. */
        record Range(Bound from, Bound to) implements Index {
            @Override
            public String toString() {
                return "[" + from + ".." + to + "]";
            }
        }
    }
}
