package io.choreo.console.web;

import io.choreo.console.source.JournalSessions;
import io.choreo.console.source.LiveSessions;
import io.choreo.console.source.SessionCatalog;
import io.choreo.runtime.observe.SessionListeners;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.event.Logging;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.AbruptStageTerminationException;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;

/**
 * The web console of an actor system, on Pekko HTTP: sessions from the journal (when {@code journal}) and those
 * running on this system (when {@code live}, by a {@link LiveSessions} listener), with live updates by server-sent
 * events; every route behind the {@link AccessGate} of its {@link ConsoleAccess}.
 */
public final class ConsoleServer implements AutoCloseable {
    private final ServerBinding binding;
    private final AutoCloseable listener;
    private final SourceQueueWithComplete<String> changes;

    private ConsoleServer(ServerBinding binding, AutoCloseable listener, SourceQueueWithComplete<String> changes) {
        this.binding = binding;
        this.listener = listener;
        this.changes = changes;
    }

    /** Where to listen, which sessions to show, and who may see them ({@link ConsoleAccess}). */
    public record Options(String host, int port, boolean journal, boolean live, ConsoleAccess access) {
        /** Open access: for a loopback host only. */
        public Options(String host, int port, boolean journal, boolean live) {
            this(host, port, journal, live, ConsoleAccess.open());
        }
    }

    /**
     * Binds the console; throws {@code SecuritySettingsException} before binding when {@code options} would serve
     * a non-loopback interface without a token.
     */
    public static CompletionStage<ConsoleServer> start(ActorSystem<?> system, Options options) {
        options.access().checkBinding(options.host());
        Pair<SourceQueueWithComplete<String>, Source<String, NotUsed>> hub = Source.<String>queue(1024,
                        OverflowStrategy.dropHead())
                .toMat(BroadcastHub.of(String.class, 256), Keep.both()).run(system);
        hub.second().runWith(Sink.ignore(), system);   // keeps the hub draining when no page listens
        SourceQueueWithComplete<String> queue = hub.first();
        Optional<JournalSessions> journal = options.journal() ? Optional.of(new JournalSessions(system))
                : Optional.empty();
        // quiet for the first restarts: a fresh journal gets its schema just after the system starts
        RestartSettings restarts = RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)
                .withLogSettings(RestartSettings.createLogSettings(Logging.DebugLevel())
                        .withCriticalLogLevel(Logging.WarningLevel(), 5));
        journal.ifPresent(j -> RestartSource.withBackoff(restarts, j::changes)
                .runWith(Sink.foreach(queue::offer), system)
                .whenComplete((done, e) -> {
                    if (e != null && !(e instanceof AbruptStageTerminationException)) {
                        system.log().warn("the console stopped following the journal: {}", e.toString());
                    }
                }));
        Optional<LiveSessions> live = options.live() ? Optional.of(new LiveSessions(queue::offer)) : Optional.empty();
        AutoCloseable registration = live.map(l -> SessionListeners.get(system).add(l)).orElse(() -> { });
        ConsoleRoutes routes = new ConsoleRoutes(new SessionCatalog(journal, live),
                hub.second().conflate((a, b) -> b.equals(a) ? a : "*"), Duration.ofSeconds(10),
                () -> io.choreo.console.view.NodeView.of(system));
        var server = Http.get(system).newServerAt(options.host(), options.port());
        return options.access().https().map(server::enableHttps).orElse(server)
                .bind(new AccessGate(options.access()).guard(routes.route()))
                .thenApply(b -> new ConsoleServer(b, registration, queue));
    }

    /** The port the console listens on. */
    public int port() {
        return binding.localAddress().getPort();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        changes.complete();
        binding.unbind().toCompletableFuture().get();
    }
}
