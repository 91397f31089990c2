package io.choreo.persistence.session;

import io.choreo.persistence.journal.ReadJournals;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByTagQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/** Reads the session log back: every {@link SessionRecord} so far, or a live stream of them. */
public final class SessionLogQuery {
    private final ActorSystem<?> system;
    private final ReadJournal journal;

    public SessionLogQuery(ActorSystem<?> system) {
        this.system = system;
        this.journal = ReadJournals.of(system);
        if (!(journal instanceof CurrentEventsByTagQuery)) {
            throw new IllegalStateException("the read journal cannot query events by tag");
        }
    }

    /** Every record in the journal, in journal order. */
    public CompletionStage<List<SessionRecord>> current() {
        return ((CurrentEventsByTagQuery) journal).currentEventsByTag(SessionLog.TAG, Offset.noOffset())
                .map(SessionLogQuery::record)
                .runWith(Sink.seq(), system);
    }

    /** Every record, then the new ones as they are journaled (empty if the journal cannot follow tags live). */
    public Source<SessionRecord, NotUsed> live() {
        if (journal instanceof EventsByTagQuery byTag) {
            return byTag.eventsByTag(SessionLog.TAG, Offset.noOffset()).map(SessionLogQuery::record);
        }
        return Source.empty();
    }

    private static SessionRecord record(EventEnvelope e) {
        return (SessionRecord) e.event();
    }
}
