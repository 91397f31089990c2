package io.choreo.runtime.role;

import io.choreo.dsl.eval.GuardEvaluator;
import io.choreo.dsl.eval.GuardException;
import io.choreo.dsl.print.PrettyPrinter;
import io.choreo.projection.global.Desugarer;
import io.choreo.projection.local.LocalType;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks a participant's handler to decide a choice or a loop, and enforces the choice's guards: the chosen branch's
 * guard must hold for the handler's {@code guardVariables}. None holding is a typed {@code NoBranchEnabled}; a guard
 * reading a variable the handler does not supply, or the handler picking a branch whose guard is false, is a typed
 * {@code GuardFailed}. Anything the handler throws becomes {@code HandlerFailed}.
 */
public final class Decisions {
    private Decisions() {
    }

    /** True for the choice a {@code loop (decides: …)} was desugared to. */
    public static boolean isLoopDecision(LocalType.Select s) {
        List<LocalType.Branch> b = s.branches();
        return b.size() == 2 && b.get(0).label().equals(Desugarer.CONTINUE_BRANCH)
                && b.get(1).label().equals(Desugarer.DONE_BRANCH);
    }

    /** A key identifying the loop a loop decision belongs to. */
    public static int loopKey(LocalType.Select s) {
        return s.origin().offset();
    }

    /**
     * The branch the handler picks.
     *
     * @param iteration for loop decisions, how many iterations ran already
     */
    public static String decide(RoleHandler handler, String sessionId, String participant, LocalType.Select s,
                                int iteration) throws RoleFailure {
        int line = s.origin().line();
        if (isLoopDecision(s)) {
            boolean more = HandlerCalls.call(participant, "loop decision at line " + line,
                    () -> handler.continueLoop(new LoopContext(sessionId, participant, iteration, line)));
            return loopLabel(more);
        }
        ChoiceContext choice = context(sessionId, participant, s);
        String label;
        try {
            label = handler.choose(choice);
        } catch (Throwable t) {
            throw chooseFailed(handler, choice, participant, t);
        }
        return validate(handler, choice, participant, label);
    }

    /** The branch label of a loop decision. */
    public static String loopLabel(boolean more) {
        return more ? Desugarer.CONTINUE_BRANCH : Desugarer.DONE_BRANCH;
    }

    /** What the handler is asked at choice {@code s}. */
    public static ChoiceContext context(String sessionId, String participant, LocalType.Select s) {
        return new ChoiceContext(sessionId, participant, OPTIONS.get(s, Decisions::options), s.origin().line());
    }

    /** The options of a choice, by the identity of its type (shared by every session of the protocol). */
    private static final io.choreo.runtime.session.IdentityMemo<LocalType.Select, List<ChoiceContext.Option>>
            OPTIONS = new io.choreo.runtime.session.IdentityMemo<>(4_096);

    private static List<ChoiceContext.Option> options(LocalType.Select s) {
        return s.branches().stream().map(b -> new ChoiceContext.Option(b.label(), b.guard(), reaches(b.type(), s)))
                .toList();
    }

    /** The typed error for {@code t} thrown by (or failing the stage of) the handler's {@code choose}. */
    public static RoleFailure chooseFailed(RoleHandler handler, ChoiceContext choice, String participant,
                                           Throwable t) throws RoleFailure {
        Throwable cause = HandlerCalls.cause(t);
        if (cause instanceof ChoiceContext.NoBranchEnabledException || cause instanceof GuardException) {
            return new RoleFailure(guardError(handler, choice, participant));
        }
        return new RoleFailure(HandlerCalls.failure(participant, "choice at line " + choice.line(), cause));
    }

    /** {@code label} if it is a branch of {@code choice} whose guard holds for the handler's variables. */
    public static String validate(RoleHandler handler, ChoiceContext choice, String participant, String label)
            throws RoleFailure {
        int line = choice.line();
        if (!choice.labels().contains(label)) {
            throw new RoleFailure(new SessionError.HandlerFailed(participant, "chose '" + label + "' at line " + line
                    + ", which is not one of " + choice.labels()));
        }
        ChoiceContext.Option chosen = choice.options().get(choice.labels().indexOf(label));
        if (chosen.guard().isPresent()) {
            Map<String, ?> variables = variables(handler, choice, participant);
            boolean holds;
            try {
                holds = chosen.enabled(variables);
            } catch (GuardException e) {
                throw new RoleFailure(new SessionError.GuardFailed(participant, line, e.getMessage()));
            }
            if (!holds) {
                SessionError none = guardError(handler, choice, participant);
                throw new RoleFailure(none instanceof SessionError.NoBranchEnabled ? none
                        : new SessionError.GuardFailed(participant, line, "chose '" + label + "', whose guard ("
                                + PrettyPrinter.expression(chosen.guard().get()) + ") is false for "
                                + shown(variables)));
            }
        }
        return label;
    }

    /** Why no branch could be chosen: a guard that cannot be evaluated, or every guard false. */
    private static SessionError guardError(RoleHandler handler, ChoiceContext choice, String participant)
            throws RoleFailure {
        Map<String, ?> variables = variables(handler, choice, participant);
        for (ChoiceContext.Option o : choice.options()) {
            try {
                if (o.enabled(variables)) {
                    return new SessionError.GuardFailed(participant, choice.line(), "the handler found no branch "
                            + "enabled, but '" + o.label() + "' is, for " + shown(variables));
                }
            } catch (GuardException e) {
                return new SessionError.GuardFailed(participant, choice.line(), e.getMessage());
            }
        }
        return new SessionError.NoBranchEnabled(participant, choice.line(), choice.options().stream()
                .map(o -> o.label() + o.guard().map(g -> " when (" + PrettyPrinter.expression(g) + ")").orElse(""))
                .toList(), shown(variables));
    }

    private static Map<String, ?> variables(RoleHandler handler, ChoiceContext choice, String participant)
            throws RoleFailure {
        Map<String, ?> vars = HandlerCalls.call(participant, "guardVariables at line " + choice.line(),
                () -> handler.guardVariables(choice));
        return vars == null ? Map.of() : vars;
    }

    private static Map<String, String> shown(Map<String, ?> variables) {
        Map<String, String> out = new TreeMap<>();
        variables.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** True if {@code type} can come back to the choice {@code s} (it holds an unfolding of the enclosing rec). */
    static boolean reaches(LocalType type, LocalType.Select s) {
        Deque<LocalType> todo = new ArrayDeque<>();
        todo.push(type);
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 100_000) {
            LocalType t = todo.pop();
            if (t instanceof LocalType.Select other) {
                if (other.origin().equals(s.origin())) {
                    return true;
                }
                other.branches().forEach(b -> todo.push(b.type()));
            } else if (t instanceof LocalType.Offer o) {
                o.branches().forEach(b -> todo.push(b.type()));
            } else if (t instanceof LocalType.Send x) {
                todo.push(x.cont());
            } else if (t instanceof LocalType.Recv x) {
                todo.push(x.cont());
            } else if (t instanceof LocalType.Rec r) {
                todo.push(r.body());
            } else if (t instanceof LocalType.Repeat r) {
                todo.push(r.body());
                todo.push(r.cont());
            } else if (t instanceof LocalType.Par p) {
                p.branches().forEach(todo::push);
                todo.push(p.cont());
            } else if (t instanceof LocalType.Guarded g) {
                todo.push(g.body());
                todo.push(g.cont());
            }
        }
        return false;
    }
}
