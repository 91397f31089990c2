package io.choreo.persistence.journal;

import io.choreo.persistence.audit.AuditQuery;
import io.choreo.runtime.extension.JournalStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A {@link JournalStore} whose facts are events in the configured Pekko Persistence journal (H2 by default,
 * PostgreSQL in production): each participant's facts live in a {@link FactJournal}; a write completes only once
 * durable, so a failed write fails the session and nothing is reported as recorded that was not.
 */
public final class PersistentJournalStore implements JournalStore {
    private final ActorSystem<?> system;
    private final ActorRef<FactJournals.Route> journals;
    private final Duration timeout;
    private volatile AuditQuery audit;

    public PersistentJournalStore(ActorSystem<?> system, Duration timeout) {
        this.system = system;
        this.timeout = timeout;
        this.journals = system.systemActorOf(FactJournals.create(), "choreo-fact-journals-"
                + java.util.UUID.randomUUID(), org.apache.pekko.actor.typed.Props.empty());
    }

    @Override
    public CompletionStage<Done> record(String sessionId, String participant, List<String> facts) {
        return AskPattern.ask(journals, (ActorRef<Done> replyTo) -> new FactJournals.Route(sessionId, participant,
                new FactJournal.Record(facts, replyTo)), timeout, system.scheduler());
    }

    @Override
    public CompletionStage<Map<String, Set<String>>> facts(String sessionId) {
        if (audit == null) {
            audit = new AuditQuery(system);
        }
        return audit.session(sessionId).thenApply(AuditQuery.SessionAudit::facts);
    }
}
