package io.choreo.console.web;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Serves the console from an actor system when {@code choreo.console.port} is set (loaded at start-up through
 * {@code pekko.actor.typed.extensions}): the sessions running on the system, live, and those of its journal when it
 * has one (a JDBC journal, as {@code JournalDatabase} configures). Access as {@link ConsoleAccess#fromConfig} reads
 * it; settings that would serve another interface than loopback without a token serve nothing (logged).
 */
public final class ConsoleExtension extends ExtensionId<ConsoleExtension.Console> {
    private static final ConsoleExtension INSTANCE = new ConsoleExtension();

    private ConsoleExtension() {
    }

    /** The id Pekko loads from {@code pekko.actor.typed.extensions}. */
    public static ConsoleExtension getInstance() {
        return INSTANCE;
    }

    /** The console of {@code system} (started on first use if it was not loaded at start-up). */
    public static Console get(ActorSystem<?> system) {
        return INSTANCE.apply(system);
    }

    /** The console of one actor system, if it serves one. */
    public static final class Console implements Extension {
        private final Optional<ConsoleServer> server;

        Console(Optional<ConsoleServer> server) {
            this.server = server;
        }

        public Optional<ConsoleServer> server() {
            return server;
        }
    }

    @Override
    public Console createExtension(ActorSystem<?> system) {
        var config = system.settings().config();
        int port = config.getInt("choreo.console.port");
        if (port <= 0) {
            return new Console(Optional.empty());
        }
        String host = config.getString("choreo.console.host");
        boolean journal = config.hasPath("pekko.persistence.journal.plugin")
                && config.getString("pekko.persistence.journal.plugin").equals("jdbc-journal");
        try {
            ConsoleAccess access = ConsoleAccess.fromConfig(config);
            ConsoleServer server = ConsoleServer.start(system, new ConsoleServer.Options(host, port, journal, true,
                    access)).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            system.log().info("console at {}://{}:{}/", access.scheme(), host, server.port());
            return new Console(Optional.of(server));
        } catch (io.choreo.cluster.security.SecuritySettingsException e) {
            system.log().error("the console is not served: {}", e.getMessage());
            return new Console(Optional.empty());
        } catch (Exception e) {
            system.log().error("cannot serve the console on {}:{}: {}", host, port, e.toString());
            return new Console(Optional.empty());
        }
    }
}
