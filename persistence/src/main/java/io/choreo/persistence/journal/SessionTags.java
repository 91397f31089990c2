package io.choreo.persistence.journal;

import java.util.Set;

/** Every persisted event of a session carries the tag {@code session:<id>}, so audits can read a session back. */
public final class SessionTags {
    private SessionTags() {
    }

    public static String of(String sessionId) {
        return "session:" + sessionId;
    }

    public static Set<String> set(String sessionId) {
        return Set.of(of(sessionId));
    }
}
