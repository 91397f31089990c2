package io.choreo.runtime.role;

import java.util.Optional;
import java.util.Set;

/** Checks that an incoming message belongs here at all: this session, this participant, a known sender. */
public final class Monitor {
    private Monitor() {
    }

    /** Why {@code env} must be rejected outright, if it must. */
    public static Optional<String> reject(RoleActor.Envelope env, String sessionId, String me, Set<String> peers) {
        return Optional.ofNullable(rejection(env, sessionId, me, peers));
    }

    /** Why {@code env} must be rejected outright, or null (no allocation on the message path). */
    public static String rejection(RoleActor.Envelope env, String sessionId, String me, Set<String> peers) {
        if (!sessionId.equals(env.sessionId()) || !me.equals(env.to())) {
            return ("received " + env.label() + " addressed to " + env.to() + " of session "
                    + env.sessionId());
        }
        if (!peers.contains(env.from()) || env.from().equals(me)) {
            return ("received " + env.label() + " from '" + env.from()
                    + "', who is not a participant of this session");
        }
        return null;
    }
}
