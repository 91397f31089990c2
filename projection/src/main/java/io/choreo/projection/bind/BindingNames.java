package io.choreo.projection.bind;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.projection.global.GlobalProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names bindings may use: the role arrays and symbols of one protocol (or of several, for a command given a
 * file of several). A binding for any other name is a mistake — a typo would otherwise be silently ignored — and
 * every entry point (session start, {@code SessionSpec.bind…}, the CLI's {@code --bind}/{@code --symbol}) reports
 * it with these words.
 *
 * @param arrays the role arrays
 * @param plain  the single roles
 * @param symbols the symbols: array sizes such as {@code N}, range bounds and loop counts
 */
public record BindingNames(Set<String> arrays, Set<String> plain, Set<String> symbols) {
    public BindingNames {
        arrays = Set.copyOf(arrays);
        plain = Set.copyOf(plain);
        symbols = Set.copyOf(symbols);
    }

    public static BindingNames of(GlobalProtocol protocol) {
        return of(List.of(protocol));
    }

    /** The names any of {@code protocols} declares. */
    public static BindingNames of(Collection<GlobalProtocol> protocols) {
        Set<String> arrays = new TreeSet<>();
        Set<String> plain = new TreeSet<>();
        Set<String> symbols = new TreeSet<>();
        for (GlobalProtocol p : protocols) {
            for (RoleDecl r : p.roles()) {
                (r.isArray() ? arrays : plain).add(r.name());
                if (r.multiplicity() instanceof RoleDecl.Multiplicity.Symbolic s) {
                    symbols.add(s.symbol());
                }
            }
            symbols.addAll(ResolvedBindings.symbolsOf(p));
        }
        return new BindingNames(arrays, plain, symbols);
    }

    /** Why {@code role} cannot be given a count or instance names, if it cannot. */
    public Optional<String> roleProblem(String role) {
        if (plain.contains(role)) {
            return Optional.of(role + " is a single role, not a role array");
        }
        return unknown(role, arrays, "has no role array", "role arrays", "it has none");
    }

    /** Why {@code symbol} cannot be given a value, if it cannot. */
    public Optional<String> symbolProblem(String symbol) {
        return unknown(symbol, symbols, "uses no symbol", "symbols", "it uses none");
    }

    private static Optional<String> unknown(String name, Set<String> known, String verb, String kind, String none) {
        if (known.contains(name)) {
            return Optional.empty();
        }
        return Optional.of("the protocol " + verb + " '" + name + "' ("
                + (known.isEmpty() ? none : kind + ": " + String.join(", ", sorted(known))) + ")");
    }

    /** Every binding of {@code bindings} to a name that cannot be bound. */
    public List<String> problems(Bindings bindings) {
        List<String> problems = new ArrayList<>();
        Set<String> roles = new TreeSet<>(bindings.roleCounts().keySet());
        roles.addAll(bindings.instanceNames().keySet());
        for (String role : roles) {
            roleProblem(role).ifPresent(p -> problems.add(role + ": " + p));
        }
        for (String symbol : new TreeSet<>(bindings.symbols().keySet())) {
            symbolProblem(symbol).ifPresent(p -> problems.add(symbol + ": " + p));
        }
        return problems;
    }

    /** Only the bindings of {@code bindings} to names these can bind (a file's bindings, for one protocol of it). */
    public Bindings applicable(Bindings bindings) {
        Bindings b = Bindings.none();
        for (var e : bindings.roleCounts().entrySet()) {
            if (roleProblem(e.getKey()).isEmpty()) {
                List<String> names = bindings.instanceNames().get(e.getKey());
                b = names != null ? b.bindInstances(e.getKey(), names) : b.bindRoleCount(e.getKey(), e.getValue());
            }
        }
        for (var e : bindings.symbols().entrySet()) {
            if (symbolProblem(e.getKey()).isEmpty()) {
                b = b.bindSymbol(e.getKey(), e.getValue());
            }
        }
        return b;
    }

    private static List<String> sorted(Set<String> names) {
        return new TreeSet<>(names).stream().toList();
    }
}
