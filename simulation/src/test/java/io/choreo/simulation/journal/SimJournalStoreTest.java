package io.choreo.simulation.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.PersistentRepr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The simulator's journal store: ranges and limits of replay, deletion, and one-shot write failures. */
class SimJournalStoreTest {
    private static final ActorTestKit KIT = ActorTestKit.create("sim-journal-store");

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static List<PersistentRepr> events(String pid, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(n -> PersistentRepr.apply("e" + n, n, pid, "", false,
                null, "")).toList();
    }

    @Test
    void replaysTheRangeAskedForUpToTheLimitAndKeepsTheHighestNumberAfterDeletion() {
        SimJournalStore store = SimJournalStore.get(KIT.system());
        store.append("p", events("p", 1, 3));
        store.append("p", events("p", 4, 6));
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5", "e6"), store.persisted("p"));
        assertEquals(List.of(3L, 4L), store.replay("p", 3, 5, 2).stream().map(PersistentRepr::sequenceNr).toList());
        store.deleteTo("p", 4);
        assertEquals(List.of("e5", "e6"), store.persisted("p"));
        assertEquals(6, store.highestSequenceNr("p"));
        assertEquals(0, store.highestSequenceNr("unknown"));
        assertTrue(store.persisted("unknown").isEmpty());
    }

    @Test
    void aFailureIsTakenOnceAndOnlyForItsPersistenceId() {
        SimJournalStore store = SimJournalStore.get(KIT.system());
        store.failNextPersisted("q");
        assertFalse(store.takeFailure("other"));
        assertTrue(store.takeFailure("q"));
        assertFalse(store.takeFailure("q"));
    }
}
