package io.choreo.dsl.ast;

/** A count or range bound: an integer literal or a symbol bound at session start ({@code N}, {@code threshold}). */
public sealed interface Bound {
    record Literal(int value) implements Bound {
        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record Symbol(String name) implements Bound {
        @Override
        public String toString() {
            return name;
        }
    }
}
