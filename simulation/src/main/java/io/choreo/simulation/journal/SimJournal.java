package io.choreo.simulation.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The journal plugin of the simulator ({@link #CONFIG}), over the actor system's {@link SimJournalStore}. Writes
 * append to a participant's list (the persistence testkit's storage copies the whole list at every write, which made
 * a run quadratic in its length); a write the store was told to fail fails as a journal failure; tags are dropped.
 */
public final class SimJournal extends AsyncWriteJournal {
    /** Configuration that makes this the default journal. */
    public static final String CONFIG = """
            pekko.persistence.journal.plugin = "choreo.simulation.journal"
            choreo.simulation.journal {
              class = "io.choreo.simulation.journal.SimJournal"
              plugin-dispatcher = "pekko.persistence.dispatchers.default-plugin-dispatcher"
            }
            """;

    private final SimJournalStore store = SimJournalStore.get(context().system());

    @Override
    public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
        List<Optional<Exception>> results = new ArrayList<>();
        for (AtomicWrite write : messages) {
            if (store.takeFailure(write.persistenceId())) {
                return Futures.failed(new IllegalStateException("injected journal failure for "
                        + write.persistenceId()));
            }
            List<PersistentRepr> events = new ArrayList<>();
            for (PersistentRepr repr : CollectionConverters.asJava(write.payload())) {
                events.add(repr.payload() instanceof Tagged t ? repr.withPayload(t.payload()) : repr);
            }
            store.append(write.persistenceId(), events);
            results.add(Optional.empty());
        }
        return Futures.successful(results);
    }

    @Override
    public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
        store.deleteTo(persistenceId, toSequenceNr);
        return Futures.successful(null);
    }

    @Override
    public Future<Void> doAsyncReplayMessages(String persistenceId, long fromSequenceNr, long toSequenceNr, long max,
                                              Consumer<PersistentRepr> replayCallback) {
        store.replay(persistenceId, fromSequenceNr, toSequenceNr, max).forEach(replayCallback);
        return Futures.successful(null);
    }

    @Override
    public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
        return Futures.successful(store.highestSequenceNr(persistenceId));
    }
}
