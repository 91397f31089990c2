package io.choreo.dsl.parser;

import java.util.List;

/** The annotation keys the DSL knows, with the type of value each takes. */
enum AnnotationKeys {
    GUARD_CAPABILITY("guard_capability", "a string such as \"admin_access\""),
    FLOW_COST("flow_cost", "a non-negative integer such as 200"),
    JOURNAL_FACTS("journal_facts", "a string of comma-separated fact names such as \"f1,f2\""),
    JOURNAL_MERGE("journal_merge", "true or false");

    private final String key;
    private final String expected;

    AnnotationKeys(String key, String expected) {
        this.key = key;
        this.expected = expected;
    }

    String key() {
        return key;
    }

    String expected() {
        return expected;
    }

    static AnnotationKeys find(String key) {
        for (AnnotationKeys k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    static List<String> names() {
        return java.util.Arrays.stream(values()).map(AnnotationKeys::key).toList();
    }
}
