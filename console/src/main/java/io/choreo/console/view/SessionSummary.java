package io.choreo.console.view;

import java.time.Instant;
import java.util.List;

/**
 * A row of the sessions list ({@code GET /api/sessions}).
 *
 * @param version the protocol version the session runs ("" if its source is unknown)
 */
public record SessionSummary(String id, String protocol, String version, String status, String started, long startedAt,
                             long durationMillis, List<String> participants, String failureType,
                             String failureCause, boolean live) {

    public static SessionSummary of(SessionData s, long now) {
        return new SessionSummary(s.id(), s.protocol(), SessionVersion.of(s.source()), s.status().label(),
                Instant.ofEpochMilli(s.startedAt()).toString(), s.startedAt(), s.durationMillis(now),
                s.participants(), s.failure() == null ? null : s.failure().getClass().getSimpleName(),
                s.failure() == null ? null : s.failure().describe(), s.live());
    }
}
