package io.choreo.persistence.audit;

import io.choreo.dsl.ast.Deadline;
import io.choreo.persistence.durable.RoleEvent;
import io.choreo.persistence.journal.FactRecorded;
import io.choreo.persistence.durable.DurableRole;
import io.choreo.persistence.journal.ReadJournals;
import io.choreo.persistence.journal.SessionTags;
import io.choreo.persistence.session.SessionRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByTagQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads a session back from the journal (Pekko Persistence Query) and reconstructs what happened: every
 * participant's facts, the messages sent and received, the decisions taken. The session's tag finds its fact
 * records and the session log's {@code Started} records, which name the participants; each participant is read by
 * its persistence id. Durable participants carry no tags (they are on every session's path): without a session log
 * (or before its record is written) the participants are found among the journal's persistence ids.
 */
public final class AuditQuery {
    private final ActorSystem<?> system;
    private final CurrentEventsByTagQuery query;
    private final CurrentEventsByPersistenceIdQuery byId;
    private final ReadJournal journal;

    public AuditQuery(ActorSystem<?> system) {
        this.system = system;
        this.journal = ReadJournals.of(system);
        if (!(journal instanceof CurrentEventsByTagQuery byTag)
                || !(journal instanceof CurrentEventsByPersistenceIdQuery byPersistenceId)) {
            throw new IllegalStateException("the read journal cannot query events by tag and by persistence id");
        }
        this.query = byTag;
        this.byId = byPersistenceId;
    }

    /** One message of the audit: who sent what to whom, with that sender's sequence number. */
    public record Message(String from, String to, String label, long seq, boolean implicit) {
        @Override
        public String toString() {
            return from + " -> " + to + ": " + label + (implicit ? " (implicit)" : "");
        }
    }

    /** A participant that failed ({@code error}) in a step that had consumed {@code consumed}. */
    public record Failure(String participant, String error, List<Message> consumed) {
    }

    /**
     * A session as the journal has it.
     *
     * @param facts every participant's journal facts
     * @param sent messages durable participants sent, in journal order
     * @param received messages durable participants received, in journal order
     * @param decisions each durable participant's choice labels, in order ({@code timeout} where a deadline passed)
     * @param failures participants that failed after consuming messages (those are not in {@code received})
     */
    public record SessionAudit(String sessionId, Map<String, Set<String>> facts, List<Message> sent,
                               List<Message> received, Map<String, List<String>> decisions, long events,
                               List<Failure> failures) {

        /** Messages sent that no participant consumed: never delivered, or not yet. */
        public List<Message> neverConsumed() {
            Set<String> consumed = new java.util.HashSet<>();
            received.forEach(m -> consumed.add(key(m)));
            failures.forEach(f -> f.consumed().forEach(m -> consumed.add(key(m))));
            return sent.stream().filter(m -> !consumed.contains(key(m))).toList();
        }

        private static String key(Message m) {
            return m.from() + "->" + m.to() + "#" + m.seq();
        }

        /** Messages received twice by the same participant (must be none: receivers drop duplicates). */
        public List<Message> duplicateReceipts() {
            Set<String> seen = new LinkedHashSet<>();
            return received.stream().filter(m -> !seen.add(m.from() + "->" + m.to() + "#" + m.seq())).toList();
        }
    }

    public CompletionStage<SessionAudit> session(String sessionId) {
        return query.currentEventsByTag(SessionTags.of(sessionId), Offset.noOffset())
                .runWith(Sink.seq(), system)
                .thenCompose(tagged -> participants(sessionId, tagged).thenCompose(participants -> {
                    CompletionStage<List<EventEnvelope>> all = CompletableFuture.completedFuture(tagged.stream()
                            .filter(e -> !isParticipant(e) && !(e.event() instanceof SessionRecord)).toList());
                    for (String participant : participants) {
                        all = all.thenCombine(byId.currentEventsByPersistenceId(participant, 0, Long.MAX_VALUE)
                                .runWith(Sink.seq(), system), AuditQuery::concat);
                    }
                    return all.thenApply(envelopes -> fold(sessionId, inJournalOrder(envelopes)));
                }));
    }

    /**
     * The persistence ids of the session's durable participants: named by its session-log {@code Started} records
     * (and, in journals written before participants went untagged, by their tagged first events); without a
     * {@code Started} record, every {@code choreo-role|<session>:<participant>} id of the journal.
     */
    private CompletionStage<Set<String>> participants(String sessionId, List<EventEnvelope> tagged) {
        Set<String> ids = new LinkedHashSet<>();
        boolean started = false;
        for (EventEnvelope e : tagged) {
            if (isParticipant(e)) {
                ids.add(e.persistenceId());
            } else if (e.event() instanceof SessionRecord.Started s && s.sessionId().equals(sessionId)) {
                started = true;
                s.participants().forEach(p -> ids.add(DurableRole.persistenceId(sessionId, p).id()));
            }
        }
        if (started || !(journal instanceof CurrentPersistenceIdsQuery all)) {
            return CompletableFuture.completedFuture(ids);
        }
        String prefix = DurableRole.persistenceId(sessionId, "").id();
        return all.currentPersistenceIds()
                .filter(id -> id.startsWith(prefix) && id.indexOf(':', prefix.length()) < 0)
                .runWith(Sink.seq(), system)
                .thenApply(found -> {
                    ids.addAll(found);
                    return ids;
                });
    }

    private static boolean isParticipant(EventEnvelope e) {
        return e.event() instanceof RoleEvent;
    }

    private static List<EventEnvelope> concat(List<EventEnvelope> a, List<EventEnvelope> b) {
        List<EventEnvelope> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Sorted by the journal's global ordering where the read journal gives one (stable otherwise). */
    private static List<EventEnvelope> inJournalOrder(List<EventEnvelope> envelopes) {
        if (envelopes.stream().allMatch(e -> e.offset() instanceof Sequence)) {
            List<EventEnvelope> sorted = new ArrayList<>(envelopes);
            sorted.sort(java.util.Comparator.comparingLong(e -> ((Sequence) e.offset()).value()));
            return sorted;
        }
        return envelopes;
    }

    private static SessionAudit fold(String sessionId, List<EventEnvelope> envelopes) {
        Map<String, Set<String>> facts = new LinkedHashMap<>();
        List<Message> sent = new ArrayList<>();
        List<Message> received = new ArrayList<>();
        Map<String, List<String>> decisions = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        List<Object> events = RoleEvent.flatten(envelopes.stream().map(EventEnvelope::event).toList());
        for (Object event : events) {
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
            } else if (event instanceof RoleEvent.TimedOut t) {
                decisions.computeIfAbsent(t.participant(), k -> new ArrayList<>()).add(Deadline.TIMEOUT_BRANCH);
            } else if (event instanceof RoleEvent.Failed f) {
                failures.add(new Failure(f.participant(), f.error(), f.consumed().stream()
                        .map(r -> new Message(r.from(), r.to(), r.label(), r.seq(), r.implicit())).toList()));
            }
        }
        return new SessionAudit(sessionId, facts, sent, received, decisions, events.size(), failures);
    }
}
