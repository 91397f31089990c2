package io.choreo.cli;

import io.choreo.projection.bind.Bindings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --bind Role=n} and {@code --symbol name=n}: the bindings a session would make at start. */
final class BindingOptions {
    @Option(names = "--bind", paramLabel = "ROLE=N", description = "Instance count of a role array, e.g. Followers=5.")
    Map<String, Integer> roleCounts = new LinkedHashMap<>();

    @Option(names = "--symbol", paramLabel = "NAME=N", description = "Value of a symbol, e.g. threshold=2.")
    Map<String, Integer> symbols = new LinkedHashMap<>();

    Bindings toBindings() {
        Bindings b = Bindings.none();
        for (var e : roleCounts.entrySet()) {
            b = b.bindRoleCount(e.getKey(), e.getValue());
        }
        for (var e : symbols.entrySet()) {
            b = b.bindSymbol(e.getKey(), e.getValue());
        }
        return b;
    }

    /**
     * The bindings for running or checking {@code protocol} without a real session: the given ones, with arrays of
     * unbound size at {@value io.choreo.projection.check.DeadlockChecker#DEFAULT_ARRAY_SIZE} instances and other
     * symbols at {@value io.choreo.projection.check.DeadlockChecker#DEFAULT_SYMBOL}.
     */
    io.choreo.projection.bind.ResolvedBindings resolvedFor(io.choreo.projection.CompiledProtocol protocol) {
        return io.choreo.projection.bind.ResolvedBindings.forChecking(protocol.global(), toBindings(),
                io.choreo.projection.check.DeadlockChecker.DEFAULT_ARRAY_SIZE,
                io.choreo.projection.check.DeadlockChecker.DEFAULT_SYMBOL);
    }
}
