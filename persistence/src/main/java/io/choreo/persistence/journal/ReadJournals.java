package io.choreo.persistence.journal;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.ReadJournal;

/** The read journal that audits, the session log's readers and health checks query. */
public final class ReadJournals {
    /** The read journal used unless configured otherwise ({@code choreo.persistence.read-journal}). */
    public static final String DEFAULT_READ_JOURNAL = "jdbc-read-journal";

    private ReadJournals() {
    }

    /** The configured read journal ({@code choreo.persistence.read-journal}, default {@value DEFAULT_READ_JOURNAL}). */
    public static ReadJournal of(ActorSystem<?> system) {
        String id = system.settings().config().hasPath("choreo.persistence.read-journal")
                ? system.settings().config().getString("choreo.persistence.read-journal") : DEFAULT_READ_JOURNAL;
        return PersistenceQuery.get(system).getReadJournalFor(ReadJournal.class, id);
    }
}
