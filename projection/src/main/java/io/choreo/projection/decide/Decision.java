package io.choreo.projection.decide;

import io.choreo.dsl.source.Span;
import java.util.List;
import java.util.Map;

/** The verdict of the decision procedure on one protocol at its checking sizes. */
public sealed interface Decision {

    /** Implementable: every participant's synthesized automaton, by participant. */
    record Implementable(Map<String, SubsetAutomaton> automata, int globalStates) implements Decision {
    }

    /**
     * Not implementable: {@code participant} cannot do its part. {@code at} is the statement it cannot get right,
     * {@code related} the choice (or statement) that it is not told about; {@code run} is a run of the global
     * protocol, as interactions in order, after which the participant cannot know what to do.
     */
    record NotImplementable(String participant, String message, Span at, Span related, List<String> run)
            implements Decision {
        public NotImplementable {
            run = List.copyOf(run);
        }
    }

    /**
     * Outside the fragment decided exactly ({@link SenderDriven}): the choice at {@code choice} has a branch in which
     * its decider does not act first, and the subset construction found {@code detail}, which may be an artefact of
     * that; the oracle's verification of the projection is then the verdict.
     */
    record OutsideFragment(Span choice, String detail) implements Decision {
    }

    /** A budget ran out before the decision: {@code which} says which one, {@code raise} how to give more. */
    record Inconclusive(String which, String raise) implements Decision {
    }
}
