package io.choreo.persistence.durable;

import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.role.HandlerCalls;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.role.RoleFailure;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which receives a handler has been told of, so it hears each message once: a durable participant tells its handler
 * before the receive is written (the reaction is written with it), and again on replay when it restarts with a
 * handler that has not heard them (a new JVM). A handler lives as long as its session spec.
 */
final class HandlerNotices {
    /** Per handler: the highest sequence number told, per session, participant and sender. */
    private static final Map<RoleHandler, Map<String, Long>> TOLD = Collections.synchronizedMap(new WeakHashMap<>());

    private HandlerNotices() {
    }

    /** Tells the participant's handler of {@code r} unless it has heard of it already. */
    static void tell(RoleActor.Setup setup, RoleEvent.Received r) throws RoleFailure {
        ReceiveContext received = unheard(setup, r);
        if (received == null) {
            return;
        }
        HandlerCalls.call(setup.participant().name(), "received(" + r.label() + ")", () -> {
            setup.handler().received(received);
            return null;
        });
    }

    /** What to tell the handler of {@code r}, or null if it has heard of it (from now on it counts as heard). */
    static ReceiveContext unheard(RoleActor.Setup setup, RoleEvent.Received r) {
        String me = setup.participant().name();
        return first(setup.handler(), setup.sessionId(), me, r.from(), r.seq())
                ? new ReceiveContext(setup.sessionId(), me, r.from(), r.label(), r.payload(), r.implicit()) : null;
    }

    /** True (and remembered) when {@code handler} has not yet been told of message {@code seq} of this stream. */
    private static boolean first(RoleHandler handler, String sessionId, String participant, String from, long seq) {
        String stream = sessionId + '\u0000' + participant + '\u0000' + from;
        synchronized (TOLD) {
            Map<String, Long> told = TOLD.computeIfAbsent(handler, h -> new HashMap<>());
            if (told.getOrDefault(stream, 0L) >= seq) {
                return false;
            }
            told.put(stream, seq);
            return true;
        }
    }
}
