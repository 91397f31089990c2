package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;

/** A reference to a role or to instances of a role array: {@code A}, {@code W[0]}, {@code F[*]}, {@code F[i]}, {@code S[0..k]}. */
public record RoleRef(String role, Index index, Span span) implements Destination {

    public static RoleRef plain(String role) {
        return new RoleRef(role, new Index.None(), Span.NONE);
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
