package io.choreo.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --var NAME=VALUE} and {@code --iterations N}: how the example handlers decide choices and loops. */
final class HandlerOptions {
    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "A guard variable for choices, e.g. balance=100 (numbers, true/false, or text).")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--iterations", defaultValue = "2", description = "Iterations of each decides-loop (default 2).")
    int iterations;

    /** The variables, as numbers and booleans where they look like one. */
    Map<String, Object> parsedVariables() {
        Map<String, Object> parsed = new LinkedHashMap<>();
        variables.forEach((k, v) -> parsed.put(k, parse(v)));
        return parsed;
    }

    private static Object parse(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException notNumber) {
                return v;
            }
        }
    }
}
