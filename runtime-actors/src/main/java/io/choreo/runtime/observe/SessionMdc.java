package io.choreo.runtime.observe;

import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.MDC;

/**
 * Puts the session id ({@value #SESSION_ID}) and, for participants, the participant ({@value #PARTICIPANT}) in the
 * logging MDC while a session's actors handle a message, so every log line of a session carries its id. The
 * in-memory session and role actors put them there themselves ({@link #receive}): an interceptor per actor costs
 * about 200 bytes, which a million idle sessions feel.
 */
public final class SessionMdc {
    /** MDC key of the session id. */
    public static final String SESSION_ID = "sessionId";
    /** MDC key of the participant name. */
    public static final String PARTICIPANT = "participant";

    private SessionMdc() {
    }

    /** The session actor's behaviour with the session id in the MDC. */
    public static <T> Behavior<T> session(String sessionId, Behavior<T> behavior) {
        return withMdc(Map.of(SESSION_ID, sessionId), behavior);
    }

    /** A participant's behaviour with the session id and the participant in the MDC. */
    public static <T> Behavior<T> participant(String sessionId, String participant, Behavior<T> behavior) {
        return withMdc(Map.of(SESSION_ID, sessionId, PARTICIPANT, participant), behavior);
    }

    /**
     * A behaviour that handles each message with {@code handler}, the session id and (unless null) the participant
     * in the MDC meanwhile: what {@link #session} and {@link #participant} do, without an interceptor.
     */
    public static <T> Behavior<T> receive(String sessionId, String participant, Function<T, Behavior<T>> handler) {
        return Behaviors.receive((ctx, message) -> inMdc(sessionId, participant, handler, message));
    }

    /** {@link #receive(String, String, Function)}, with signals to {@code onSignal}. */
    public static <T> Behavior<T> receive(String sessionId, String participant, Function<T, Behavior<T>> handler,
                                          Function<Signal, Behavior<T>> onSignal) {
        return Behaviors.receive((ctx, message) -> inMdc(sessionId, participant, handler, message),
                (ctx, signal) -> onSignal.apply(signal));
    }

    private static <T> Behavior<T> inMdc(String sessionId, String participant, Function<T, Behavior<T>> handler,
                                         T message) {
        put(sessionId, participant);
        try {
            return handler.apply(message);
        } finally {
            clear();
        }
    }

    /** Puts the session id and (unless null) the participant in the MDC, until {@link #clear}. */
    public static void put(String sessionId, String participant) {
        MDC.put(SESSION_ID, sessionId);
        if (participant != null) {
            MDC.put(PARTICIPANT, participant);
        }
    }

    /** Takes what {@link #put} put out of the MDC again. */
    public static void clear() {
        MDC.remove(SESSION_ID);
        MDC.remove(PARTICIPANT);
    }

    /**
     * Intercepts every message, not only those of the behaviour's protocol: an event-sourced participant also
     * handles the journal's replies, and runs its handler after a write succeeds.
     */
    @SuppressWarnings("unchecked")
    private static <T> Behavior<T> withMdc(Map<String, String> mdc, Behavior<T> behavior) {
        Behavior<Object> any = (Behavior<Object>) (Behavior<?>) behavior;
        return (Behavior<T>) (Behavior<?>) Behaviors.withMdc(Object.class, mdc, any);
    }
}
