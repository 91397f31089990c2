package io.choreo.projection.gen;

import java.util.Locale;
import java.util.Set;

/** Java identifiers for DSL names: camel case, never a keyword. */
final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "_");

    private JavaNames() {
    }

    /** A field, parameter or method name for {@code name}: {@code yes_votes} → {@code yesVotes}, {@code Default} → {@code default_}. */
    static String member(String name) {
        String s = JavaTypes.lowerCamel(name);
        return KEYWORDS.contains(s) ? s + "_" : s;
    }

    /** An enum constant for a branch label: {@code accept} → {@code ACCEPT}, {@code highValue} → {@code HIGH_VALUE}. */
    static String constant(String label) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '-' || c == '_') {
                b.append('_');
            } else {
                if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(label.charAt(i - 1))) {
                    b.append('_');
                }
                b.append(Character.toUpperCase(c));
            }
        }
        String s = b.toString();
        return KEYWORDS.contains(s.toLowerCase(Locale.ROOT)) && s.equals(s.toLowerCase(Locale.ROOT)) ? s + "_" : s;
    }

    /** A Java string literal for {@code s}. */
    static String literal(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Text safe inside a Javadoc comment. */
    static String doc(String s) {
        return s.replace("*/", "*&#47;").replace("@", "{@literal @}");
    }
}
