package io.choreo.console.source;

import io.choreo.console.view.MessageView;
import io.choreo.console.view.SessionData;
import io.choreo.persistence.audit.AuditQuery;
import io.choreo.persistence.session.SessionLogQuery;
import io.choreo.persistence.session.SessionRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Sessions from the journal: the session log gives each session's protocol, participants, start and outcome; the
 * audit ({@link AuditQuery}) gives its messages, facts and decisions.
 */
public final class JournalSessions {
    private final SessionLogQuery log;
    private final AuditQuery audit;

    public JournalSessions(ActorSystem<?> system) {
        this.log = new SessionLogQuery(system);
        this.audit = new AuditQuery(system);
    }

    /** Every session of the session log, without its messages. */
    public CompletionStage<List<SessionData>> all() {
        return log.current().thenApply(records -> List.copyOf(fold(records).values()));
    }

    /** One session with its messages, facts and decisions. */
    public CompletionStage<Optional<SessionData>> get(String id) {
        return log.current().thenCompose(records -> {
            SessionData s = fold(records.stream().filter(r -> r.sessionId().equals(id)).toList()).get(id);
            if (s == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
            }
            return audit.session(id).thenApply(a -> Optional.of(s.withActivity(messages(a.sent()),
                    messages(a.received()), a.facts(), a.decisions())));
        });
    }

    /** The ids of sessions as their records are journaled, from the first one on (for live updates). */
    public Source<String, NotUsed> changes() {
        return log.live().map(SessionRecord::sessionId);
    }

    /** Folds session-log records into sessions: a later start (a resume) runs again; an outcome ends it. */
    static Map<String, SessionData> fold(List<SessionRecord> records) {
        Map<String, SessionData> out = new LinkedHashMap<>();
        for (SessionRecord r : records) {
            SessionData before = out.get(r.sessionId());
            if (r instanceof SessionRecord.Started s) {
                out.put(s.sessionId(), SessionData.started(s.sessionId(), s.protocol(), s.source(), s.bindings(),
                        s.participants(), before == null ? s.at() : before.startedAt(), false));
            } else {
                SessionData base = before != null ? before
                        : SessionData.started(r.sessionId(), "?", "", null, List.of(), r.at(), false);
                out.put(r.sessionId(), base.ended(r.at(),
                        r instanceof SessionRecord.Failed f ? f.cause() : null));
            }
        }
        return out;
    }

    private static List<MessageView> messages(List<AuditQuery.Message> messages) {
        return messages.stream().map(m -> new MessageView(m.from(), m.to(), m.label(), m.implicit(), 0, List.of(),
                0)).toList();
    }
}
