package io.choreo.runtime.extension;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;

/** Journal facts kept in memory (testing mode): per session, per participant, in recording order. */
public final class InMemoryJournal implements JournalStore {
    /** Every write is confirmed at once: one completed stage for all of them (never completed again by anyone). */
    private static final CompletionStage<Done> RECORDED = CompletableFuture.completedFuture(Done.getInstance());

    private final Map<String, Map<String, Set<String>>> sessions = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Done> record(String sessionId, String participant, List<String> facts) {
        Map<String, Set<String>> session = sessions.computeIfAbsent(sessionId, k -> new ConcurrentHashMap<>());
        synchronized (session) {
            session.computeIfAbsent(participant, k -> new LinkedHashSet<>()).addAll(facts);
        }
        return RECORDED;
    }

    @Override
    public CompletionStage<Map<String, Set<String>>> facts(String sessionId) {
        Map<String, Set<String>> session = sessions.getOrDefault(sessionId, Map.of());
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        synchronized (session) {
            session.forEach((p, f) -> copy.put(p, Set.copyOf(f)));
        }
        return CompletableFuture.completedFuture(copy);
    }
}
