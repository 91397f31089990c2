package io.choreo.console.source;

import io.choreo.console.view.SessionData;
import io.choreo.console.view.SessionDetail;
import io.choreo.console.view.SessionFilter;
import io.choreo.console.view.SessionProtocols;
import io.choreo.console.view.SessionSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * All sessions the console shows: those of the journal (if it has one) and those running on this node (if it
 * listens to one); a live session wins over its journal record while it runs.
 */
public final class SessionCatalog {
    private final Optional<JournalSessions> journal;
    private final Optional<LiveSessions> live;
    private final SessionProtocols protocols = new SessionProtocols();

    public SessionCatalog(Optional<JournalSessions> journal, Optional<LiveSessions> live) {
        this.journal = journal;
        this.live = live;
    }

    public CompletionStage<List<SessionSummary>> list(SessionFilter filter) {
        CompletionStage<List<SessionData>> stored = journal.map(JournalSessions::all)
                .orElse(CompletableFuture.completedFuture(List.of()));
        return stored.thenApply(fromJournal -> {
            Map<String, SessionData> all = new LinkedHashMap<>();
            fromJournal.forEach(s -> all.put(s.id(), s));
            live.ifPresent(l -> l.all().forEach(s -> all.merge(s.id(), s, SessionCatalog::prefer)));
            return filter.apply(List.copyOf(all.values()), System.currentTimeMillis());
        });
    }

    public CompletionStage<Optional<SessionDetail>> detail(String id) {
        return session(id).thenApply(s -> s.map(d -> SessionDetail.of(d, protocols.of(d).orElse(null),
                System.currentTimeMillis())));
    }

    /** The protocol of a session, with its participants' state machines. */
    public CompletionStage<Optional<SessionProtocols.Resolved>> protocol(String id) {
        return session(id).thenApply(s -> s.flatMap(protocols::of));
    }

    private CompletionStage<Optional<SessionData>> session(String id) {
        Optional<SessionData> running = live.flatMap(l -> l.get(id));
        CompletionStage<Optional<SessionData>> stored = journal.map(j -> j.get(id))
                .orElse(CompletableFuture.completedFuture(Optional.empty()));
        return stored.thenApply(fromJournal -> running.isEmpty() ? fromJournal
                : Optional.of(fromJournal.map(j -> prefer(j, running.get())).orElse(running.get())));
    }

    /** The journal's status once ended; the messages of whichever knows more (the journal also has receipts). */
    private static SessionData prefer(SessionData journaled, SessionData running) {
        SessionData base = journaled.endedAt() > 0 ? journaled : running;
        SessionData activity = !journaled.messages().isEmpty()
                && journaled.messages().size() >= running.messages().size() ? journaled : running;
        return base.withActivity(activity.messages(), activity.received(), activity.facts(), activity.decisions());
    }
}
