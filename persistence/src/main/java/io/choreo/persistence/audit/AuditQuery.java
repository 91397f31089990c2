package io.choreo.persistence.audit;

import io.choreo.persistence.durable.RoleEvent;
import io.choreo.persistence.journal.FactRecorded;
import io.choreo.persistence.journal.SessionTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByTagQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads a session back from the journal (Pekko Persistence Query, events by the session's tag) and reconstructs
 * what happened: every participant's facts, the messages sent and received, the decisions taken.
 */
public final class AuditQuery {
    /** The read journal used unless configured otherwise ({@code choreo.persistence.read-journal}). */
    public static final String DEFAULT_READ_JOURNAL = "jdbc-read-journal";

    private final ActorSystem<?> system;
    private final CurrentEventsByTagQuery query;

    public AuditQuery(ActorSystem<?> system) {
        this.system = system;
        if (!(readJournal(system) instanceof CurrentEventsByTagQuery byTag)) {
            throw new IllegalStateException("the read journal cannot query events by tag");
        }
        this.query = byTag;
    }

    /** The configured read journal ({@code choreo.persistence.read-journal}, default {@value DEFAULT_READ_JOURNAL}). */
    public static ReadJournal readJournal(ActorSystem<?> system) {
        String id = system.settings().config().hasPath("choreo.persistence.read-journal")
                ? system.settings().config().getString("choreo.persistence.read-journal") : DEFAULT_READ_JOURNAL;
        return PersistenceQuery.get(system).getReadJournalFor(ReadJournal.class, id);
    }

    /** One message of the audit: who sent what to whom, with that sender's sequence number. */
    public record Message(String from, String to, String label, long seq, boolean implicit) {
        @Override
        public String toString() {
            return from + " -> " + to + ": " + label + (implicit ? " (implicit)" : "");
        }
    }

    /**
     * A session as the journal has it.
     *
     * @param facts every participant's journal facts
     * @param sent messages durable participants sent, in journal order
     * @param received messages durable participants received, in journal order
     * @param decisions each durable participant's choice labels, in order
     */
    public record SessionAudit(String sessionId, Map<String, Set<String>> facts, List<Message> sent,
                               List<Message> received, Map<String, List<String>> decisions, long events) {

        /** Messages received twice by the same participant (must be none: receivers drop duplicates). */
        public List<Message> duplicateReceipts() {
            Set<String> seen = new LinkedHashSet<>();
            return received.stream().filter(m -> !seen.add(m.from() + "->" + m.to() + "#" + m.seq())).toList();
        }
    }

    public CompletionStage<SessionAudit> session(String sessionId) {
        return query.currentEventsByTag(SessionTags.of(sessionId), Offset.noOffset())
                .runWith(Sink.seq(), system)
                .thenApply(envelopes -> fold(sessionId, envelopes));
    }

    private static SessionAudit fold(String sessionId, List<EventEnvelope> envelopes) {
        Map<String, Set<String>> facts = new LinkedHashMap<>();
        List<Message> sent = new ArrayList<>();
        List<Message> received = new ArrayList<>();
        Map<String, List<String>> decisions = new LinkedHashMap<>();
        for (EventEnvelope e : envelopes) {
            Object event = e.event();
            FactRecorded fact = event instanceof RoleEvent.Fact rf ? rf.fact()
                    : event instanceof FactRecorded f ? f : null;
            if (fact != null) {
                facts.computeIfAbsent(fact.participant(), k -> new LinkedHashSet<>()).add(fact.fact());
            } else if (event instanceof RoleEvent.Sent s) {
                sent.add(new Message(s.from(), s.to(), s.label(), s.seq(), s.implicit()));
            } else if (event instanceof RoleEvent.Received r) {
                received.add(new Message(r.from(), r.to(), r.label(), r.seq(), r.implicit()));
            } else if (event instanceof RoleEvent.Decided d) {
                decisions.computeIfAbsent(d.participant(), k -> new ArrayList<>()).add(d.label());
            }
        }
        return new SessionAudit(sessionId, facts, sent, received, decisions, envelopes.size());
    }
}
