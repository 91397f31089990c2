package io.choreo.console.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything about one session ({@code GET /api/sessions/{id}}). */
public record SessionDetail(SessionSummary summary, List<MessageView> messages, Map<String, Set<String>> facts,
                            Map<String, List<String>> decisions, Map<String, String> participants,
                            FailureView failure, String sequenceDiagram, boolean hasProtocol) {

    /**
     * The detail of {@code s}; {@code protocol} (may be null) gives the participants' local types. In a completed
     * session every participant finished (in-memory participants leave no steps in the journal to replay).
     */
    public static SessionDetail of(SessionData s, SessionProtocols.Resolved protocol, long now) {
        Map<String, String> states = new LinkedHashMap<>();
        if (s.status() == SessionStatus.COMPLETED) {
            s.participants().forEach(p -> states.put(p, "finished"));
        } else if (protocol != null) {
            states.putAll(ParticipantReplay.byParticipant(ParticipantReplay.states(protocol.participants(),
                    s.messages(), s.received(), s.status() != SessionStatus.RUNNING)));
        }
        return new SessionDetail(SessionSummary.of(s, now), s.messages(), s.facts(), s.decisions(), states,
                s.failure() == null ? null : FailureView.of(s.failure()),
                SequenceDiagram.render(s.participants(), s.messages(),
                        s.failure() == null ? null : s.failure().describe()), protocol != null);
    }
}
