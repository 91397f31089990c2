package io.choreo.projection;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.source.Span;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.DeadlockReport;
import io.choreo.projection.check.LocalMachine;
import io.choreo.projection.decide.Decider;
import io.choreo.projection.decide.Decision;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.oracle.Oracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code choreo check} verifies about a protocol that compiled, as located diagnostics: implementability
 * is decided at the checking sizes ({@link Decider}: not implementable is E220 with a run, a projection that does
 * not conform to the synthesized automata E900); the participants never deadlock, never leave orphan messages,
 * never starve ({@link DeadlockChecker}); and the projection is translation-validated by the {@link Oracle} as a
 * second, independent check (a disagreement with the decision is E900; its bounded search giving up is not).
 * Only a decision budget running out makes the verdict inconclusive (W211). Never throws.
 */
public final class Checker {
    private Checker() {
    }

    /** The outcome: the exploration report, the oracle's verdict, the decision, and the diagnostics they give. */
    public record Result(DeadlockReport report, Oracle.Verdict oracle, Decision decision,
                         List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }

        /**
         * No error, but a budget ran out before implementability was decided (or, outside the exactly decided
         * fragment, before the oracle verified the projection): not an accept.
         */
        public boolean inconclusive() {
            return !hasErrors() && (decision instanceof Decision.Inconclusive
                    || decision instanceof Decision.OutsideFragment && !oracle.ok());
        }
    }

    public static Result check(CompiledProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
        try {
            return LargeStack.call(() -> checkHere(protocol, bindings, options));
        } catch (LargeStack.TooLarge e) {
            return notChecked(e.getMessage(), options, List.of(Diagnostic.warning("W210", protocol.name()
                    + ": not checked: " + e.getMessage(), protocol.global().source().span(), "split the protocol")));
        }
    }

    private static Result notChecked(String why, DeadlockChecker.Options options, List<Diagnostic> diagnostics) {
        return new Result(DeadlockReport.inconclusive(0, options.queueBound(), why),
                new Oracle.Verdict(Oracle.Kind.INCONCLUSIVE, why), new Decision.Inconclusive(why, "split the protocol"),
                diagnostics);
    }

    private static Result checkHere(CompiledProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
        if (protocol.hasErrors()) {
            return notChecked("not checked: " + protocol.name() + " has errors", options, List.of());
        }
        List<Diagnostic> out = new ArrayList<>();
        Span where = protocol.global().source().span();
        Prepared prepared = Prepared.of(protocol, bindings, options);
        DeadlockReport report = prepared == null ? DeadlockChecker.check(protocol, bindings, options)
                : DeadlockChecker.exploreMachines(prepared.machines(), options);
        switch (report.verdict()) {
            case DEADLOCK -> out.add(problem("E215", "deadlock", protocol, report, where));
            case ORPHAN_MESSAGES -> out.add(problem("E216", "orphan messages", protocol, report, where));
            case STARVATION -> out.add(problem("E217", "starvation", protocol, report, where));
            case INCONCLUSIVE -> out.add(Diagnostic.warning("W210", protocol.name() + ": the deadlock check is "
                    + "inconclusive: " + report.detail(), where, "check with smaller --bind sizes, a larger "
                    + "--check-timeout, or split the protocol"));
            default -> { }
        }
        Decider.Outcome decided = prepared == null ? Decider.decide(protocol, bindings, options)
                : Decider.decide(protocol, prepared.resolved(), prepared.types(),
                prepared.machines(), options);
        Oracle.Verdict verdict = new Oracle.Verdict(Oracle.Kind.INCONCLUSIVE, "not run");
        if (decided.decision() instanceof Decision.NotImplementable bad) {
            out.add(notImplementable(protocol, bad));
        } else if (decided.decision() instanceof Decision.Inconclusive why) {
            out.add(Diagnostic.warning("W211", protocol.name() + ": implementability is not decided: "
                    + why.which(), where, why.raise() + ", or accept it undecided with --allow-inconclusive"));
        } else if (decided.projectionDifference() != null && !blocked(report)) {
            out.add(internal(protocol, "the projection does not conform to the synthesized automata: "
                    + decided.projectionDifference(), where));
        } else if (report.ok() || report.verdict() == DeadlockReport.Verdict.INCONCLUSIVE) {
            verdict = prepared == null ? oracle(protocol, bindings, options)
                    : oracle(protocol, prepared.resolved(), prepared.machines(), options);
            if (decided.decision() instanceof Decision.OutsideFragment outside && !verdict.ok()
                    && verdict.kind() == Oracle.Kind.INCONCLUSIVE) {
                out.add(Diagnostic.warning("W211", protocol.name() + ": implementability is not decided: the choice"
                        + " at line " + outside.choice().line() + " has a branch in which its decider does not act"
                        + " first (outside the exactly decided fragment), and the oracle gave up: "
                        + verdict.detail(), outside.choice(), "let the decider act first in every branch, raise "
                        + "--check-timeout, or accept it undecided with --allow-inconclusive"));
            }
            if (verdict.kind() == Oracle.Kind.MISSING_BEHAVIOUR || verdict.kind() == Oracle.Kind.EXTRA_BEHAVIOUR) {
                out.add(internal(protocol, "the oracle disagrees with the decision (implementable): the projection"
                        + " does not implement the global protocol: " + verdict.detail(), where));
            }
        }
        return new Result(report, verdict, decided.decision(), List.copyOf(out));
    }

    /** Deadlock, orphans or starvation found: already rejected, with a run that says more than a difference. */
    private static boolean blocked(DeadlockReport report) {
        return switch (report.verdict()) {
            case DEADLOCK, ORPHAN_MESSAGES, STARVATION -> true;
            default -> false;
        };
    }

    private static Diagnostic internal(CompiledProtocol protocol, String what, Span where) {
        return Diagnostic.error("E900", "internal error: " + protocol.name() + ": " + what, where,
                "this protocol is rejected; please report it, with the file, as a projection bug");
    }

    private static Diagnostic notImplementable(CompiledProtocol protocol, Decision.NotImplementable bad) {
        StringBuilder run = new StringBuilder("a run of the protocol that shows it:");
        for (int i = 0; i < bad.run().size(); i++) {
            run.append("\n    ").append(i + 1).append(". ").append(bad.run().get(i));
        }
        if (bad.run().isEmpty()) {
            run.append(" (from the start)");
        }
        run.append("\n  make ").append(bad.participant()).append(" learn the branch from a message first, or make it"
                + " behave the same in every branch");
        Diagnostic d = Diagnostic.error("E220", protocol.name() + ": not implementable: " + bad.message(),
                bad.at(), run.toString());
        boolean same = bad.related().offset() == bad.at().offset() && bad.related().length() == bad.at().length();
        return bad.related().isNone() || same ? d : d.withRelated(bad.related());
    }

    /**
     * The participants at the checking sizes, instantiated and compiled once for the deadlock exploration, the
     * decision's conformance check and the oracle (which reads only the machines, never how they were projected).
     */
    private record Prepared(ResolvedBindings resolved, Map<String, LocalType> types,
                            Map<String, LocalMachine> machines) {
        /** Null when the protocol cannot be sized or compiled: the separate checks then say why, each its way. */
        static Prepared of(CompiledProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
            try {
                ResolvedBindings resolved = ResolvedBindings.forChecking(protocol.global(), bindings,
                        DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
                Map<String, LocalType> types = DeadlockChecker.participants(protocol, resolved);
                return new Prepared(resolved, types, DeadlockChecker.machines(types, options));
            } catch (BindingException | LocalMachine.MachineTooLarge e) {
                return null;
            }
        }
    }

    /** Translation validation at the checking sizes. */
    public static Oracle.Verdict oracle(CompiledProtocol protocol, Bindings bindings, DeadlockChecker.Options options) {
        try {
            ResolvedBindings resolved = ResolvedBindings.forChecking(protocol.global(), bindings,
                    DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            return oracle(protocol, resolved, DeadlockChecker.machines(
                    DeadlockChecker.participants(protocol, resolved), options), options);
        } catch (BindingException | LocalMachine.MachineTooLarge e) {
            return new Oracle.Verdict(Oracle.Kind.INCONCLUSIVE, e.getMessage());
        }
    }

    private static Oracle.Verdict oracle(CompiledProtocol protocol, ResolvedBindings resolved,
                                         Map<String, LocalMachine> machines, DeadlockChecker.Options options) {
        return Oracle.verify(protocol.global(), resolved.counts(), resolved.symbols(), machines,
                new Oracle.Options(Math.min(options.queueBound(), Oracle.Options.DEFAULT.queueBound()),
                        Oracle.Options.DEFAULT.maxStates(), options.maxRepeat(), options.timeBudget()));
    }

    private static Diagnostic problem(String code, String what, CompiledProtocol protocol, DeadlockReport report,
                                      Span fallback) {
        Span at = report.location().isNone() ? fallback : report.location();
        StringBuilder trace = new StringBuilder("trace from the start:");
        if (report.trace().isEmpty()) {
            trace.append(" (no step possible)");
        }
        for (int i = 0; i < report.trace().size(); i++) {
            trace.append("\n    ").append(i + 1).append(". ").append(report.trace().get(i));
        }
        trace.append("\n  then:");
        report.stuck().forEach(s -> trace.append("\n    ").append(s));
        return Diagnostic.error(code, protocol.name() + ": " + what + " after " + report.trace().size()
                + " steps, here", at, trace.toString());
    }
}
