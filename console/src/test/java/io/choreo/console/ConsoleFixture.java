package io.choreo.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.choreo.console.web.ConsoleServer;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * A real actor system with an H2 journal in a temporary directory (schema created), sessions run on it, and a
 * console served on a 127.0.0.1 port; plus a plain HTTP client.
 */
final class ConsoleFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    final ActorTestKit kit;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleFixture(String name) throws Exception {
        this(name, Files.createTempDirectory("choreo-console").resolve("journal"));
    }

    /** On the H2 journal in {@code journal} (which several fixtures may open one after the other). */
    ConsoleFixture(String name, Path journal) throws Exception {
        kit = ActorTestKit.create(name, JournalDatabase.h2(journal)
                .withFallback(ConfigFactory.load("application-test")));
        JournalDatabase.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    ConsoleServer console(int port, boolean journal, boolean live) throws Exception {
        return ConsoleServer.start(kit.system(), new ConsoleServer.Options("127.0.0.1", port, journal, live))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** A durable Negotiation that completes (Buyer offers, Seller accepts). */
    SessionOutcome.SessionCompleted negotiation(String id) {
        return RuntimeTestSupport.completed(RuntimeTestSupport.run(kit, DurableSessions.durable(
                SessionSpec.of(RuntimeTestSupport.example("negotiation.choreo")).withSessionId(id)
                        .withTimeout(TIMEOUT))));
    }

    /** A durable BudgetedProtocol whose first send (cost 200) exceeds the budget of 100: BudgetExhausted. */
    SessionOutcome.SessionFailed overBudget(String id) {
        return RuntimeTestSupport.failed(RuntimeTestSupport.run(kit, DurableSessions.durable(
                SessionSpec.of(RuntimeTestSupport.example("budgeted.choreo")).withSessionId(id).withTimeout(TIMEOUT)
                        .withExtensions(Extensions.defaults().withBudget(InMemoryFlowBudget.perParticipant(100))))));
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(int port, String path) throws Exception {
        HttpResponse<String> r = get(port, path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
    }
}
