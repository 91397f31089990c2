package io.choreo.simulation.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.persistence.PersistentRepr;

/**
 * The events {@link SimJournal} holds, per persistence id, for one actor system: what the simulator reads back to
 * check each participant's run, and the writes it fails.
 */
public final class SimJournalStore implements Extension {
    private static final ExtensionId<SimJournalStore> ID = new ExtensionId<>() {
        @Override
        public SimJournalStore createExtension(ActorSystem<?> system) {
            return new SimJournalStore();
        }
    };

    private final Map<String, List<PersistentRepr>> events = new HashMap<>();
    private final Map<String, Long> highest = new HashMap<>();
    private final Set<String> failNext = new HashSet<>();

    private SimJournalStore() {
    }

    public static SimJournalStore get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    static SimJournalStore get(org.apache.pekko.actor.ActorSystem classic) {
        return get(org.apache.pekko.actor.typed.javadsl.Adapter.toTyped(classic));
    }

    /** The next write of {@code persistenceId} fails (once). */
    public synchronized void failNextPersisted(String persistenceId) {
        failNext.add(persistenceId);
    }

    /** The payloads of the events of {@code persistenceId} still stored, in order. */
    public synchronized List<Object> persisted(String persistenceId) {
        return events.getOrDefault(persistenceId, List.of()).stream().map(PersistentRepr::payload).toList();
    }

    synchronized boolean takeFailure(String persistenceId) {
        return failNext.remove(persistenceId);
    }

    synchronized void append(String persistenceId, List<PersistentRepr> written) {
        events.computeIfAbsent(persistenceId, k -> new ArrayList<>()).addAll(written);
        for (PersistentRepr r : written) {
            highest.merge(persistenceId, r.sequenceNr(), Math::max);
        }
    }

    synchronized void deleteTo(String persistenceId, long toSequenceNr) {
        List<PersistentRepr> list = events.get(persistenceId);
        if (list != null) {
            list.removeIf(r -> r.sequenceNr() <= toSequenceNr);
        }
    }

    synchronized List<PersistentRepr> replay(String persistenceId, long from, long to, long max) {
        List<PersistentRepr> out = new ArrayList<>();
        for (PersistentRepr r : events.getOrDefault(persistenceId, List.of())) {
            if (out.size() >= max) {
                break;
            }
            if (r.sequenceNr() >= from && r.sequenceNr() <= to) {
                out.add(r);
            }
        }
        return out;
    }

    synchronized long highestSequenceNr(String persistenceId) {
        return highest.getOrDefault(persistenceId, 0L);
    }
}
