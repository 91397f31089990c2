package io.choreo.runtime.handler;

import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.eval.GuardEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A choice this participant decides: the branches in source order with their guards. */
public record ChoiceContext(String sessionId, String participant, List<Option> options, int line) {

    /**
     * One branch: its label, optional guard, and whether taking it leads back to this same choice (the branch
     * that {@code continue}s the enclosing {@code rec}).
     */
    public record Option(String label, Optional<Expr> guard, boolean loopsBack) {
        public Option(String label, Optional<Expr> guard) {
            this(label, guard, false);
        }

        /** True if the branch is unguarded or its guard holds for {@code variables}. */
        public boolean enabled(Map<String, ?> variables) {
            return guard.isEmpty() || GuardEvaluator.test(guard.get(), variables);
        }
    }

    /** Thrown by {@link #firstEnabled} when every guard is false; the runtime reports {@code NoBranchEnabled}. */
    public static final class NoBranchEnabledException extends IllegalStateException {
        public NoBranchEnabledException(String message) {
            super(message);
        }
    }

    public List<String> labels() {
        return options.stream().map(Option::label).toList();
    }

    /** True if some branches go back to this choice and others leave it: the choice decides a recursion. */
    public boolean decidesRecursion() {
        return options.stream().anyMatch(Option::loopsBack) && options.stream().anyMatch(o -> !o.loopsBack());
    }

    /** The first branch whose guard holds for {@code variables}; an unguarded branch always holds. */
    public String firstEnabled(Map<String, ?> variables) {
        return firstEnabled(variables, o -> true);
    }

    /**
     * The first branch that {@code preferred} accepts and whose guard holds, else the first whose guard holds.
     *
     * @throws NoBranchEnabledException if no guard holds
     * @throws io.choreo.dsl.eval.GuardException if a guard cannot be evaluated (a variable is missing)
     */
    public String firstEnabled(Map<String, ?> variables, Predicate<Option> preferred) {
        Optional<String> first = Optional.empty();
        for (Option o : options) {
            if (o.enabled(variables)) {
                if (preferred.test(o)) {
                    return o.label();
                }
                first = first.or(() -> Optional.of(o.label()));
            }
        }
        return first.orElseThrow(() -> new NoBranchEnabledException("no branch of the choice at line " + line
                + " is enabled: guards of " + labels() + " are all false for " + variables));
    }
}
