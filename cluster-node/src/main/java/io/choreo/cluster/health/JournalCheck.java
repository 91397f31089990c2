package io.choreo.cluster.health;

import io.choreo.persistence.journal.ReadJournals;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * A readiness check of Pekko Management: the journal answers a read (the events of one fixed, empty persistence id:
 * one indexed query). Registered in this module's {@code reference.conf} as {@code choreo-journal}.
 */
public final class JournalCheck implements Supplier<CompletionStage<Boolean>> {
    /** The persistence id read: nothing is ever written under it. */
    static final String PROBE = "choreo-health-probe";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ActorSystem system;

    /** Pekko Management creates the check with the node's (classic) actor system. */
    public JournalCheck(ActorSystem system) {
        this.system = system;
    }

    @Override
    public CompletionStage<Boolean> get() {
        if (!(ReadJournals.of(Adapter.toTyped(system)) instanceof CurrentEventsByPersistenceIdQuery query)) {
            return CompletableFuture.completedFuture(false);
        }
        return query.currentEventsByPersistenceId(PROBE, 0, Long.MAX_VALUE)
                .completionTimeout(TIMEOUT)
                .runWith(Sink.ignore(), system)
                .thenApply(done -> true)
                .exceptionally(failure -> false);
    }
}
