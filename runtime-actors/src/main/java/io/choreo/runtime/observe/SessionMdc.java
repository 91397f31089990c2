package io.choreo.runtime.observe;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.MDC;

/**
 * Puts the session id ({@value #SESSION_ID}) and, for participants, the participant ({@value #PARTICIPANT}) in the
 * logging MDC while a session's actors handle a message, so every log line of a session carries its id. Like Pekko's
 * {@code Behaviors.withMdc} (the MDC is cleared after each message), but without building the entries again for
 * every message: this runs around each protocol message of every participant.
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
        return withMdc(new Interceptor(sessionId, null), behavior);
    }

    /** A participant's behaviour with the session id and the participant in the MDC. */
    public static <T> Behavior<T> participant(String sessionId, String participant, Behavior<T> behavior) {
        return withMdc(new Interceptor(sessionId, participant), behavior);
    }

    /**
     * Intercepts every message, not only those of the behaviour's protocol: an event-sourced participant also
     * handles the journal's replies, and runs its handler after a write succeeds.
     */
    @SuppressWarnings("unchecked")
    private static <T> Behavior<T> withMdc(Interceptor mdc, Behavior<T> behavior) {
        Behavior<Object> any = (Behavior<Object>) (Behavior<?>) behavior;
        return (Behavior<T>) (Behavior<?>) Behaviors.intercept(() -> mdc, any);
    }

    /** Sets the entries around each message and signal (and the start), then clears the MDC. */
    private static final class Interceptor extends BehaviorInterceptor<Object, Object> {
        private final String sessionId;
        private final String participant;

        Interceptor(String sessionId, String participant) {
            super(Object.class);
            this.sessionId = sessionId;
            this.participant = participant;
        }

        private void set() {
            MDC.put(SESSION_ID, sessionId);
            if (participant != null) {
                MDC.put(PARTICIPANT, participant);
            }
        }

        @Override
        public Behavior<Object> aroundStart(TypedActorContext<Object> ctx, PreStartTarget<Object> target) {
            set();
            try {
                return target.start(ctx);
            } finally {
                MDC.clear();
            }
        }

        @Override
        public Behavior<Object> aroundReceive(TypedActorContext<Object> ctx, Object msg,
                                              ReceiveTarget<Object> target) {
            set();
            try {
                return target.apply(ctx, msg);
            } finally {
                MDC.clear();
            }
        }

        @Override
        public Behavior<Object> aroundSignal(TypedActorContext<Object> ctx, Signal signal,
                                             SignalTarget<Object> target) {
            set();
            try {
                return target.apply(ctx, signal);
            } finally {
                MDC.clear();
            }
        }

        /** A second interceptor of the same entries around the same behaviour is the same one. */
        @Override
        public boolean isSame(BehaviorInterceptor<Object, Object> other) {
            return other instanceof Interceptor i && java.util.Objects.equals(i.sessionId, sessionId)
                    && java.util.Objects.equals(i.participant, participant);
        }
    }
}
