package io.choreo.persistence.journal;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * How the module's event-sourced entities (durable participants, session claims, the session log, sagas) restart
 * after a failed journal write, to recover from the journal: {@code choreo.persistence.restart-backoff} (min 50 ms,
 * max 2 s, random factor 0.2 by default; the simulator sets the random factor to 0 for reproducible runs).
 */
public final class JournalRestarts {
    private JournalRestarts() {
    }

    public static BackoffSupervisorStrategy backoff(ActorSystem<?> system) {
        com.typesafe.config.Config c = system.settings().config();
        String path = "choreo.persistence.restart-backoff";
        if (!c.hasPath(path)) {
            return SupervisorStrategy.restartWithBackoff(Duration.ofMillis(50), Duration.ofSeconds(2), 0.2);
        }
        com.typesafe.config.Config b = c.getConfig(path);
        return SupervisorStrategy.restartWithBackoff(b.getDuration("min"), b.getDuration("max"),
                b.getDouble("random-factor"));
    }
}
