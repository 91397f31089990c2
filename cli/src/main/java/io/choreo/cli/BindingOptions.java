package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingNames;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --bind Role=n} or {@code --bind Role=alice,bob,carol} (instance names) and {@code --symbol name=n}: the
 * bindings a session would make at start. Names that the protocol does not declare are usage errors.
 */
final class BindingOptions {
    @Option(names = "--bind", paramLabel = "ROLE=N|NAMES", description = "Instance count of a role array, e.g. "
            + "Followers=5, or its instance names, e.g. Followers=alice,bob,carol.")
    Map<String, String> roles = new LinkedHashMap<>();

    @Option(names = "--symbol", paramLabel = "NAME=N", description = "Value of a symbol, e.g. threshold=2.")
    Map<String, Integer> symbols = new LinkedHashMap<>();

    Bindings toBindings() {
        Bindings b = Bindings.none();
        for (var e : roles.entrySet()) {
            String value = e.getValue().trim();
            if (value.matches("-?\\d+")) {
                int count = parseCount(e.getKey(), value);
                b = b.bindRoleCount(e.getKey(), count);
            } else {
                List<String> names = Arrays.stream(value.split(",")).map(String::trim).toList();
                if (names.stream().anyMatch(String::isEmpty) || Set.copyOf(names).size() != names.size()) {
                    throw new UsageError("--bind " + e.getKey() + "=" + value + ": give a count or distinct "
                            + "instance names separated by commas, e.g. " + e.getKey() + "=alice,bob,carol");
                }
                b = b.bindInstances(e.getKey(), names);
            }
        }
        for (var e : symbols.entrySet()) {
            if (e.getValue() < 0) {
                throw new UsageError("--symbol " + e.getKey() + "=" + e.getValue() + ": a symbol must be 0 or more");
            }
            b = b.bindSymbol(e.getKey(), e.getValue());
        }
        return b;
    }

    private static int parseCount(String role, String value) {
        try {
            int count = Integer.parseInt(value);
            if (count > 0 && count <= OptionRanges.MAX_COUNT) {
                return count;
            }
        } catch (NumberFormatException tooLarge) {
            // reported below
        }
        throw new UsageError("--bind " + role + "=" + value + ": an instance count must be a positive number (at most "
                + OptionRanges.MAX_COUNT + ")");
    }

    /** Fails with a usage error if a {@code --bind} role or {@code --symbol} is declared by none of {@code protocols}. */
    void checkNames(Collection<CompiledProtocol> protocols) {
        BindingNames names = BindingNames.of(protocols.stream().map(CompiledProtocol::global).toList());
        for (String role : roles.keySet()) {
            names.roleProblem(role).ifPresent(p -> {
                throw new UsageError("--bind " + role + ": " + p);
            });
        }
        for (String symbol : symbols.keySet()) {
            names.symbolProblem(symbol).ifPresent(p -> {
                throw new UsageError("--symbol " + symbol + ": " + p);
            });
        }
    }

    /** The bindings that apply to {@code protocol}: a file's other protocols may declare the rest. */
    Bindings toBindings(CompiledProtocol protocol) {
        return BindingNames.of(protocol.global()).applicable(toBindings());
    }

    /**
     * The bindings for running or checking {@code protocol} without a real session: the given ones, with arrays of
     * unbound size at {@value io.choreo.projection.check.DeadlockChecker#DEFAULT_ARRAY_SIZE} instances and other
     * symbols at {@value io.choreo.projection.check.DeadlockChecker#DEFAULT_SYMBOL}.
     */
    ResolvedBindings resolvedFor(CompiledProtocol protocol) {
        return ResolvedBindings.withDefaults(protocol.global(), toBindings(protocol), DeadlockChecker.DEFAULT_ARRAY_SIZE,
                DeadlockChecker.DEFAULT_SYMBOL);
    }
}
