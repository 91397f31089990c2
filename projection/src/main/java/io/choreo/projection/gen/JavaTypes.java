package io.choreo.projection.gen;

import io.choreo.dsl.ast.TypeRef;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps DSL payload types (often written Rust-style) to Java types, in the generated package: qualified names and
 * names mapped by the options are the application's classes; an unqualified name that is a class of the package or
 * of {@code java.lang} is used as it is; other names are declared by the generated code (placeholders).
 */
final class JavaTypes {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("String", "String"), Map.entry("str", "String"), Map.entry("string", "String"),
            Map.entry("i8", "Byte"), Map.entry("i16", "Short"), Map.entry("i32", "Integer"), Map.entry("i64", "Long"),
            Map.entry("u8", "Integer"), Map.entry("u16", "Integer"), Map.entry("u32", "Long"), Map.entry("u64", "Long"),
            Map.entry("int", "Integer"), Map.entry("long", "Long"), Map.entry("f32", "Float"), Map.entry("f64", "Double"),
            Map.entry("double", "Double"), Map.entry("bool", "Boolean"), Map.entry("boolean", "Boolean"),
            Map.entry("Integer", "Integer"), Map.entry("Long", "Long"), Map.entry("Double", "Double"),
            Map.entry("Boolean", "Boolean"));
    private static final Set<String> LISTS = Set.of("Vec", "List", "std::vec::Vec", "java.util.List");
    private static final Set<String> MAPS = Set.of("HashMap", "Map", "BTreeMap", "std::collections::HashMap",
            "java.util.Map");
    private static final Set<String> SETS = Set.of("HashSet", "Set", "BTreeSet", "java.util.Set");

    private final String pkg;
    private final JavaGenerator.Options options;

    JavaTypes(String pkg, JavaGenerator.Options options) {
        this.pkg = pkg;
        this.options = options;
    }

    /** The Java type for {@code t}; names it does not know are left for the caller to declare. */
    String java(TypeRef t) {
        String args = t.args().stream().map(this::java).collect(Collectors.joining(", "));
        if (LISTS.contains(t.path())) {
            return "java.util.List<" + args + ">";
        }
        if (MAPS.contains(t.path())) {
            return "java.util.Map<" + args + ">";
        }
        if (SETS.contains(t.path())) {
            return "java.util.Set<" + args + ">";
        }
        if (t.path().equals("Option") || t.path().equals("Optional")) {
            return "java.util.Optional<" + args + ">";
        }
        String base = KNOWN.containsKey(t.path()) ? KNOWN.get(t.path())
                : options.types().containsKey(t.path()) ? options.types().get(t.path())
                : isQualified(t.path()) ? t.path().replace("::", ".") : declaredName(t.path());
        return t.args().isEmpty() ? base : base + "<" + args + ">";
    }

    /**
     * Whether the type (at the top) must be declared by the generated code: not qualified, not mapped, not a known
     * or collection type, and no class of that name in the package or in {@code java.lang}.
     */
    boolean needsDeclaration(TypeRef t) {
        if (isQualified(t.path()) || options.types().containsKey(t.path()) || KNOWN.containsKey(t.path())
                || LISTS.contains(t.path()) || MAPS.contains(t.path()) || SETS.contains(t.path())
                || t.path().equals("Option") || t.path().equals("Optional")) {
            return false;
        }
        String name = declaredName(t.path());
        return !options.classes().exists(pkg + "." + name) && !options.classes().exists("java.lang." + name);
    }

    /** {@code shop.Order} or {@code shop::Order}: a class of the application, used as it is. */
    static boolean isQualified(String path) {
        return path.contains(".") || path.contains("::");
    }

    /** {@code a.b::Custom} → {@code Custom}; {@code payload_data} → {@code PayloadData}. */
    static String declaredName(String path) {
        String last = path.substring(Math.max(path.lastIndexOf(':'), path.lastIndexOf('.')) + 1);
        return upperCamel(last);
    }

    static String upperCamel(String s) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : s.toCharArray()) {
            if (c == '_' || c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    static String lowerCamel(String s) {
        String u = upperCamel(s);
        return u.isEmpty() ? u : Character.toLowerCase(u.charAt(0)) + u.substring(1);
    }
}
