package io.choreo.persistence.journal;

import java.util.Set;

/**
 * The tag {@code session:<id>}, carried by every fact record of a session and by the first event of each durable
 * participant, so audits can find a session's records and read it back.
 */
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
