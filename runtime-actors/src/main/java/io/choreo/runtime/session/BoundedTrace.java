package io.choreo.runtime.session;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's trace in memory: the first {@code limit} events, then only a count, so a session that loops for
 * hours stays in bounded memory (the journal is the full record).
 */
final class BoundedTrace {
    static final String LIMIT_KEY = "choreo.runtime.trace-limit";
    static final int DEFAULT_LIMIT = 10_000;

    private final int limit;
    /** Made at the first event (an idle session has none). */
    private List<TraceEvent> events;
    private long omitted;

    BoundedTrace(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(LIMIT_KEY + " must be 0 or more, not " + limit);
        }
        this.limit = limit;
    }

    /** The configured limit ({@value #LIMIT_KEY}), or {@value #DEFAULT_LIMIT}; read once per configuration. */
    static int limit(Config config) {
        return LIMITS.get(config, c -> c.hasPath(LIMIT_KEY) ? c.getInt(LIMIT_KEY) : DEFAULT_LIMIT);
    }

    /** Limits by configuration instance (an actor system's never changes). */
    private static final IdentityMemo<Config, Integer> LIMITS = new IdentityMemo<>(64);

    void add(TraceEvent event) {
        if (events == null && limit > 0) {
            events = new ArrayList<>();
        }
        if (events != null && events.size() < limit) {
            events.add(event);
        } else {
            omitted++;
        }
    }

    List<TraceEvent> events() {
        return events == null ? List.of() : List.copyOf(events);
    }

    long omitted() {
        return omitted;
    }
}
