package io.choreo.console.source;

import io.choreo.console.view.MessageView;
import io.choreo.console.view.SessionData;
import io.choreo.persistence.session.SessionLog;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.observe.SessionListener;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The sessions of this node, as they run: a {@link SessionListener} keeping each session's messages and outcome in
 * memory (the most recent {@value #RETAINED} ended sessions are kept) and telling subscribers which session changed.
 */
public final class LiveSessions implements SessionListener {
    /** Ended sessions kept in memory. */
    public static final int RETAINED = 1_000;

    private final Map<String, Entry> sessions = new LinkedHashMap<>();
    private final Consumer<String> changed;

    /** {@code changed} hears the id of every session that changed (on the session's thread: keep it quick). */
    public LiveSessions(Consumer<String> changed) {
        this.changed = changed;
    }

    /** A running session being recorded. */
    private static final class Entry {
        SessionData data;
        final List<MessageView> messages = new ArrayList<>();
        final Map<String, Set<String>> facts = new LinkedHashMap<>();

        Entry(SessionData data) {
            this.data = data;
        }

        SessionData snapshot() {
            Map<String, Set<String>> f = new LinkedHashMap<>();
            facts.forEach((p, s) -> f.put(p, Set.copyOf(s)));
            return data.withActivity(messages, messages, f, Map.of());
        }
    }

    @Override
    public void started(SessionSpec spec, Map<String, Participant> participants, Instant at) {
        String source = SessionLog.sourceText(spec);
        synchronized (this) {
            sessions.put(spec.sessionId(), new Entry(SessionData.started(spec.sessionId(), spec.name(), source,
                    spec.bindings(), List.copyOf(participants.keySet()), at.toEpochMilli(), true)));
        }
        changed.accept(spec.sessionId());
    }

    @Override
    public void messageSent(String sessionId, TraceEvent m, Instant at) {
        synchronized (this) {
            Entry e = sessions.get(sessionId);
            if (e == null) {
                return;
            }
            e.messages.add(new MessageView(m.from(), m.to(), m.label(), m.implicit(), m.cost(), m.facts(),
                    at.toEpochMilli()));
            if (!m.facts().isEmpty()) {
                e.facts.computeIfAbsent(m.from(), k -> new LinkedHashSet<>()).addAll(m.facts());
            }
        }
        changed.accept(sessionId);
    }

    @Override
    public void ended(SessionOutcome outcome, Instant at) {
        synchronized (this) {
            Entry e = sessions.get(outcome.sessionId());
            if (e == null) {
                return;
            }
            e.data = e.data.ended(at.toEpochMilli(),
                    outcome instanceof SessionOutcome.SessionFailed f ? f.cause() : null);
            evictEnded();
        }
        changed.accept(outcome.sessionId());
    }

    private void evictEnded() {
        long ended = sessions.values().stream().filter(e -> e.data.endedAt() > 0).count();
        var it = sessions.values().iterator();
        while (ended > RETAINED && it.hasNext()) {
            if (it.next().data.endedAt() > 0) {
                it.remove();
                ended--;
            }
        }
    }

    /** Every session held, as of now. */
    public synchronized List<SessionData> all() {
        return sessions.values().stream().map(Entry::snapshot).toList();
    }

    public synchronized Optional<SessionData> get(String id) {
        return Optional.ofNullable(sessions.get(id)).map(Entry::snapshot);
    }
}
