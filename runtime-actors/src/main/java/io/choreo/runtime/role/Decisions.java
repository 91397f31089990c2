package io.choreo.runtime.role;

import io.choreo.dsl.eval.GuardException;
import io.choreo.projection.global.Desugarer;
import io.choreo.projection.local.LocalType;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionError;
import java.util.List;

/** Asks a participant's handler to decide a choice or a loop, turning mistakes into typed errors. */
public final class Decisions {
    private Decisions() {
    }

    /** True for the choice a {@code loop (decides: …)} was desugared to. */
    public static boolean isLoopDecision(LocalType.Select s) {
        return s.branches().stream().map(LocalType.Branch::label).toList()
                .equals(List.of(Desugarer.CONTINUE_BRANCH, Desugarer.DONE_BRANCH));
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
        List<String> labels = s.branches().stream().map(LocalType.Branch::label).toList();
        int line = s.origin().line();
        String label;
        try {
            if (isLoopDecision(s)) {
                boolean more = handler.continueLoop(new LoopContext(sessionId, participant, iteration, line));
                label = more ? Desugarer.CONTINUE_BRANCH : Desugarer.DONE_BRANCH;
            } else {
                label = handler.choose(new ChoiceContext(sessionId, participant, s.branches().stream()
                        .map(b -> new ChoiceContext.Option(b.label(), b.guard())).toList(), line));
            }
        } catch (GuardException e) {
            throw new RoleFailure(new SessionError.HandlerFailed(participant, "guard of the choice at line " + line
                    + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            throw new RoleFailure(new SessionError.HandlerFailed(participant, "choice at line " + line + ": " + e));
        }
        if (!labels.contains(label)) {
            throw new RoleFailure(new SessionError.HandlerFailed(participant, "chose '" + label + "' at line " + line
                    + ", which is not one of " + labels));
        }
        return label;
    }
}
