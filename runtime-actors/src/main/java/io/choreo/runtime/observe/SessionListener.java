package io.choreo.runtime.observe;

import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Instant;
import java.util.Map;

/**
 * Hears the sessions whose session actor runs on this actor system: their start, every message sent, every
 * participant that finished, and the outcome. Called on the session actor's thread, so implementations must be
 * quick and thread-safe (hand work to an actor or a queue); an exception is logged and otherwise ignored.
 */
public interface SessionListener {

    /** A session started with these participants (keyed by participant name, e.g. {@code Followers[2]}). */
    default void started(SessionSpec spec, Map<String, Participant> participants, Instant at) {
    }

    /** A participant of {@code sessionId} sent a message. */
    default void messageSent(String sessionId, TraceEvent message, Instant at) {
    }

    /** A participant of {@code sessionId} reached {@code end}. */
    default void participantFinished(String sessionId, String participant, Instant at) {
    }

    /** The session ended, completed or failed. */
    default void ended(SessionOutcome outcome, Instant at) {
    }
}
