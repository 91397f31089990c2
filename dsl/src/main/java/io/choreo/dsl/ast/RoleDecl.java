package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;

/** A declared role: {@code A}, {@code W[3]}, {@code F[N]} or {@code S[*]}. */
public record RoleDecl(String name, Multiplicity multiplicity, Span span) {

    /** True for role arrays (any multiplicity but {@link Multiplicity.Single}). */
    public boolean isArray() {
        return !(multiplicity instanceof Multiplicity.Single);
    }

    /** How many instances a role has: one, a fixed number, or a count bound when a session starts. */
    public sealed interface Multiplicity {
        /** A plain role. */
        record Single() implements Multiplicity {
        }

        /** {@code W[3]}. */
        record Fixed(int count) implements Multiplicity {
        }

        /** {@code F[N]}: {@code N} is bound when the session starts. */
        record Symbolic(String symbol) implements Multiplicity {
        }

        /** {@code S[*]}: the count is bound when the session starts. */
        record Wildcard() implements Multiplicity {
        }
    }
}
