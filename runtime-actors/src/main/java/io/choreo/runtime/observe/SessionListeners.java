package io.choreo.runtime.observe;

import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SessionListener}s of an actor system (a Pekko extension). Listeners are {@link #add added} in code, or
 * named in the config object {@code choreo.runtime.session-listeners} ({@code name = "class"}, so several
 * configuration layers can each add one): classes with a public constructor taking the {@code ActorSystem},
 * created when the first session starts.
 */
public final class SessionListeners implements Extension {
    private static final Logger LOG = LoggerFactory.getLogger(SessionListeners.class);
    private static final Id ID = new Id();

    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    private SessionListeners(ActorSystem<?> system) {
        String key = "choreo.runtime.session-listeners";
        if (system.settings().config().hasPath(key)) {
            system.settings().config().getConfig(key).root().unwrapped().values()
                    .forEach(className -> listeners.add(instantiate(String.valueOf(className), system)));
        }
    }

    public static SessionListeners get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    /** Registers {@code listener}; the returned handle removes it again. */
    public AutoCloseable add(SessionListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void started(SessionSpec spec, Map<String, Participant> participants) {
        Instant at = Instant.now();
        each(l -> l.started(spec, participants, at));
    }

    public void messageSent(String sessionId, TraceEvent message) {
        if (!listeners.isEmpty()) {
            Instant at = Instant.now();
            each(l -> l.messageSent(sessionId, message, at));
        }
    }

    public void participantFinished(String sessionId, String participant) {
        Instant at = Instant.now();
        each(l -> l.participantFinished(sessionId, participant, at));
    }

    public void ended(SessionOutcome outcome) {
        Instant at = Instant.now();
        each(l -> l.ended(outcome, at));
    }

    private void each(Consumer<SessionListener> call) {
        for (SessionListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("session listener {} failed", l.getClass().getName(), e);
            }
        }
    }

    private static SessionListener instantiate(String className, ActorSystem<?> system) {
        try {
            return (SessionListener) Class.forName(className).getConstructor(ActorSystem.class).newInstance(system);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("choreo.runtime.session-listeners: cannot create " + className
                    + " (a SessionListener with a public constructor taking the ActorSystem): " + e, e);
        }
    }

    private static final class Id extends ExtensionId<SessionListeners> {
        @Override
        public SessionListeners createExtension(ActorSystem<?> system) {
            return new SessionListeners(system);
        }
    }
}
