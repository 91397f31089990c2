package io.choreo.console.view;

import java.util.Comparator;
import java.util.List;

/** The sessions list's filter: by status and protocol (null or blank matches all). */
public record SessionFilter(String status, String protocol) {
    public static final SessionFilter ALL = new SessionFilter(null, null);

    public boolean matches(SessionData s) {
        return (blank(status) || s.status().label().equalsIgnoreCase(status.trim()))
                && (blank(protocol) || s.protocol().equalsIgnoreCase(protocol.trim()));
    }

    /** The matching sessions, newest first. */
    public List<SessionSummary> apply(List<SessionData> sessions, long now) {
        return sessions.stream().filter(this::matches)
                .sorted(Comparator.comparingLong(SessionData::startedAt).reversed())
                .map(s -> SessionSummary.of(s, now)).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
