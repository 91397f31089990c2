package io.choreo.cluster.session;

import io.choreo.runtime.session.SessionOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The durable coordinator's state, folded from its {@link SessionEvent}s: how the session began, who waits for its
 * outcome, which participants finished (with their results) and, once it ended, the outcome.
 *
 * @param started empty until the session began
 * @param outcome empty while the session runs
 */
public record CoordinatorState(SessionEvent.Started started, List<ActorRef<SessionOutcome>> waiting,
                               Map<String, Object> results, SessionOutcome outcome) {

    public static CoordinatorState empty() {
        return new CoordinatorState(null, List.of(), Map.of(), null);
    }

    public boolean isStarted() {
        return started != null;
    }

    public boolean isEnded() {
        return outcome != null;
    }

    /** Participants that have not reported {@code end} yet, in the order of the session's participants. */
    public Set<String> unfinished() {
        Set<String> left = new LinkedHashSet<>(started == null ? List.of() : started.participants());
        left.removeAll(results.keySet());
        return left;
    }

    /** The state after {@code event}. */
    public CoordinatorState apply(SessionEvent event) {
        if (event instanceof SessionEvent.Started s) {
            return new CoordinatorState(s, waiting, results, outcome);
        }
        if (event instanceof SessionEvent.Requested r) {
            List<ActorRef<SessionOutcome>> w = new ArrayList<>(waiting);
            w.add(r.replyTo());
            return new CoordinatorState(started, List.copyOf(w), results, outcome);
        }
        if (event instanceof SessionEvent.ParticipantFinished f) {
            Map<String, Object> r = new LinkedHashMap<>(results);
            r.put(f.participant(), f.result());
            return new CoordinatorState(started, waiting, r, outcome);
        }
        return new CoordinatorState(started, waiting, results, ((SessionEvent.Ended) event).outcome());
    }
}
