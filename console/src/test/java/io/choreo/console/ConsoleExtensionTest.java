package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.choreo.console.web.ConsoleExtension;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.session.SessionSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/**
 * {@code choreo.console.port} makes any actor system serve the console (what {@code -Dchoreo.console.port=P} does
 * for {@code choreo node}): here an in-memory system on 127.0.0.1:18030 shows the session it ran. About 2 s.
 */
class ConsoleExtensionTest {

    @Test
    void aConfiguredPortServesTheSessionsOfTheSystem() throws Exception {
        ActorTestKit kit = ActorTestKit.create("ConsoleExtensionTest", ConfigFactory.parseString(
                "choreo.console.port = 18030").withFallback(ConfigFactory.load("application-test")));
        try {
            RuntimeTestSupport.completed(RuntimeTestSupport.run(kit, SessionSpec.of(
                    RuntimeTestSupport.example("negotiation.choreo")).withSessionId("on-the-node")));
            HttpResponse<String> r = get("http://127.0.0.1:18030/api/sessions");
            JsonNode sessions = ConsoleFixture.JSON.readTree(r.body());
            assertEquals(1, sessions.size(), r.body());
            assertEquals("on-the-node", sessions.get(0).get("id").asText());
            assertEquals("completed", sessions.get(0).get("status").asText());
            assertEquals(true, sessions.get(0).get("live").asBoolean());
            assertEquals(18030, ConsoleExtension.get(kit.system()).server().orElseThrow().port());
        } finally {
            kit.shutdownTestKit();
        }
    }

    /** GETs {@code url}, retrying for up to 20 s while the server is still binding (it binds asynchronously). */
    private static HttpResponse<String> get(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
