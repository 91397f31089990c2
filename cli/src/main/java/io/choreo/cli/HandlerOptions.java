package io.choreo.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --var NAME=VALUE} and {@code --iterations N}: how the example handlers decide choices and loops. */
final class HandlerOptions {
    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "A guard variable for choices, e.g. balance=100 (numbers, true/false, or text).")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--iterations", defaultValue = "2", description = "Iterations of each decides-loop and each "
            + "recursion whose choice continues it (default 2).")
    int iterations;

    /** The variables, as numbers and booleans where they look like one. */
    Map<String, Object> parsedVariables() {
        return GuardVariables.parse(variables);
    }
}
