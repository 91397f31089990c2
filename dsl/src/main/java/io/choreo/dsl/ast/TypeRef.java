package io.choreo.dsl.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A payload type exactly as written: a path ({@code String}, {@code std::vec::Vec}, {@code a.b::C}) with optional
 * generic arguments, nested to any depth.
 */
public record TypeRef(String path, List<TypeRef> args) {
    public TypeRef {
        args = List.copyOf(args);
    }

    public static TypeRef simple(String path) {
        return new TypeRef(path, List.of());
    }

    /** The type in source form, e.g. {@code Map<K, List<V>>}. */
    @Override
    public String toString() {
        if (args.isEmpty()) {
            return path;
        }
        return path + args.stream().map(TypeRef::toString).collect(Collectors.joining(", ", "<", ">"));
    }
}
