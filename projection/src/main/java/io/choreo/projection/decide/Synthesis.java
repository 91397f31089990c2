package io.choreo.projection.decide;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.projection.oracle.GlobalMachine;
import io.choreo.projection.oracle.Oracle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Completeness of the projection: a protocol whose only errors are the merge's knowledge-of-choice errors (E210) but
 * which the decision shows implementable (at its checking sizes, without {@code parallel}) is accepted as
 * {@link CompiledProtocol#synthesized() synthesized}. Its participants' concrete local types are then synthesized
 * from the automata at each session's own sizes (count loops fully unrolled), decided again there, so what runs is
 * exactly what the decision accepted at those sizes.
 */
public final class Synthesis {
    /** Most global states at a session's sizes. */
    public static final int MAX_STATES = 1_000_000;
    /** Time budget of the decision at a session's sizes. */
    static final Duration TIME = Duration.ofSeconds(10);

    private Synthesis() {
    }

    /** Whether the merge's knowledge-of-choice errors (E210) are {@code p}'s only errors. */
    public static boolean onlyMergeErrors(CompiledProtocol p) {
        return p.global() != null && p.hasErrors()
                && p.diagnostics().stream().filter(Diagnostic::isError).allMatch(d -> d.code().equals("E210"));
    }

    /**
     * {@code p} accepted as synthesized — its E210 errors dropped, its warnings kept — when the merge's E210 errors
     * are its only errors and the decision (at the checking sizes of {@code bindings}) shows it implementable;
     * else empty. Never throws.
     */
    public static Optional<CompiledProtocol> complete(CompiledProtocol p, Bindings bindings,
                                                      DeadlockChecker.Options options) {
        if (!onlyMergeErrors(p) || Decider.synthesized(p.global(), bindings, options).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CompiledProtocol(p.global(), Map.of(),
                p.diagnostics().stream().filter(d -> !d.isError()).toList(), true));
    }

    /**
     * Every participant of a synthesized protocol at the sizes {@code bindings}, in declaration order, with the
     * local type of its automaton.
     *
     * @throws BindingException if the protocol is not implementable at these sizes, or too large to synthesize
     */
    public static Map<String, Participant> participants(CompiledProtocol p, ResolvedBindings bindings) {
        Decided d = decide(p, bindings);
        ChoicePaths paths = ChoicePaths.of(p.global());
        Map<String, Participant> out = new LinkedHashMap<>();
        for (Named n : d.names()) {
            LocalType type;
            try {
                type = AutomatonTypes.of(d.global(), d.automata().get(n.name()), paths);
            } catch (AutomatonTypes.Unsupported e) {
                throw new BindingException(p.name(), List.of("its synthesized local types cannot be run: "
                        + e.getMessage()));
            }
            out.put(n.name(), new Participant(n.name(), n.role(), n.index(), type));
        }
        return out;
    }

    /** Each participant's synthesized local type at {@code bindings}, in the canonical notation. */
    public static Map<String, String> printed(CompiledProtocol p, ResolvedBindings bindings) {
        Decided d = decide(p, bindings);
        Map<String, String> out = new LinkedHashMap<>();
        d.names().forEach(n -> out.put(n.name(), AutomatonPrinter.print(d.automata().get(n.name()), Decider.PRINT_LIMIT)));
        return out;
    }

    private record Named(String name, String role, Optional<Integer> index) {
    }

    private record Decided(GlobalMachine global, Map<String, SubsetAutomaton> automata, List<Named> names) {
    }

    private static Decided decide(CompiledProtocol p, ResolvedBindings bindings) {
        List<Named> names = new ArrayList<>();
        for (RoleDecl role : p.global().roles()) {
            if (role.isArray()) {
                for (int i = 0; i < bindings.count(role.name()); i++) {
                    names.add(new Named(role.name() + "[" + i + "]", role.name(), Optional.of(i)));
                }
            } else {
                names.add(new Named(role.name(), role.name(), Optional.empty()));
            }
        }
        Decision decision;
        GlobalMachine global;
        try {
            global = GlobalMachine.of(p.global(), bindings.counts(), bindings.symbols(), Integer.MAX_VALUE,
                    MAX_STATES);
            decision = Implementability.decide(global, names.stream().map(Named::name).toList(),
                    new Budget(MAX_STATES, TIME));
        } catch (Oracle.TooLarge e) {
            throw new BindingException(p.name(), List.of("its local types are synthesized from the global "
                    + "automaton, which is too large at these sizes: " + e.getMessage()));
        }
        if (decision instanceof Decision.Implementable ok) {
            return new Decided(global, ok.automata(), names);
        }
        String why = decision instanceof Decision.NotImplementable bad
                ? "participant " + bad.participant() + ": " + bad.message()
                : decision instanceof Decision.Inconclusive i ? i.which() : decision.toString();
        throw new BindingException(p.name(), List.of("its local types are synthesized from the automata, and at "
                + "these sizes it is not implementable (" + why + ")"));
    }
}
