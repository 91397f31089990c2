package io.choreo.projection.local;

import io.choreo.dsl.ast.Bound;
import java.util.Map;

/** Which instances of an array role a part of its parametric local type applies to; {@code i} is the instance. */
public sealed interface IndexCondition {

    /** Whether instance {@code index} is selected, with symbols resolved through {@code symbols}. */
    boolean holds(int index, Map<String, Integer> symbols);

    /** {@code i = k}. */
    record Equals(int index) implements IndexCondition {
        @Override
        public boolean holds(int i, Map<String, Integer> symbols) {
            return i == index;
        }

        @Override
        public String toString() {
            return "i=" + index;
        }
    }

    /** {@code i != k}: every instance but one (the others, when instance {@code k} decides a choice). */
    record NotEquals(int index) implements IndexCondition {
        @Override
        public boolean holds(int i, Map<String, Integer> symbols) {
            return i != index;
        }

        @Override
        public String toString() {
            return "i!=" + index;
        }
    }

    /** {@code from <= i < to}. */
    record InRange(Bound from, Bound to) implements IndexCondition {
        @Override
        public boolean holds(int i, Map<String, Integer> symbols) {
            return i >= resolve(from, symbols) && i < resolve(to, symbols);
        }

        @Override
        public String toString() {
            return from + "<=i<" + to;
        }
    }

    /** The value of a bound; symbols must have been bound (see {@code Bindings}). */
    static int resolve(Bound bound, Map<String, Integer> symbols) {
        if (bound instanceof Bound.Literal l) {
            return l.value();
        }
        String name = ((Bound.Symbol) bound).name();
        Integer value = symbols.get(name);
        if (value == null) {
            throw new IllegalStateException("symbol '" + name + "' is not bound");
        }
        return value;
    }
}
