package io.choreo.runtime.session;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/** What a session's actors read from their actor system's configuration, without a copy of its settings each time. */
public final class SessionSettings {
    private SessionSettings() {
    }

    /**
     * The configuration of {@code system}. The typed {@code system.settings()} builds a new {@code Settings} (and
     * reads its values again) on every call; the classic system keeps one, so sessions starting by the thousand
     * ask for it at no cost.
     */
    public static Config config(ActorSystem<?> system) {
        return Adapter.toClassic(system).settings().config();
    }
}
