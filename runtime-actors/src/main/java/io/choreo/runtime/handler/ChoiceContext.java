package io.choreo.runtime.handler;

import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.eval.GuardEvaluator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A choice this participant decides: the branches in source order with their guards. */
public record ChoiceContext(String sessionId, String participant, List<Option> options, int line) {

    /** One branch: its label and optional guard. */
    public record Option(String label, Optional<Expr> guard) {
    }

    public List<String> labels() {
        return options.stream().map(Option::label).toList();
    }

    /** The first branch whose guard holds for {@code variables}; an unguarded branch always holds. */
    public String firstEnabled(Map<String, ?> variables) {
        for (Option o : options) {
            if (o.guard().isEmpty() || GuardEvaluator.test(o.guard().get(), variables)) {
                return o.label();
            }
        }
        throw new IllegalStateException("no branch of the choice at line " + line + " is enabled: guards of "
                + labels() + " are all false for " + variables);
    }
}
