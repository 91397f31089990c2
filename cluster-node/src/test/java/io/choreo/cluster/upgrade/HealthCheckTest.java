package io.choreo.cluster.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalDatabase;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pekko Management's health checks on a real node: {@code /alive} at once, {@code /ready} only once the node has
 * joined, its shard regions registered and its journal answers; nothing listens unless a port is configured.
 */
class HealthCheckTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static int status(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static Config withManagement(int port, Path journal) {
        return ConfigFactory.parseString(ChoreoNode.MANAGEMENT_PORT_KEY + " = " + port)
                .withFallback(JournalDatabase.h2(journal));
    }

    @Test
    void readyOnlyOnceJoinedAndAliveAtOnce() throws Exception {
        Path journal = Files.createTempDirectory("choreo-health").resolve("journal");
        int nodePort = VersionedProtocolTest.freePort();
        int management = VersionedProtocolTest.freePort();
        int absentSeed = VersionedProtocolTest.freePort();
        // its only seed does not run: the node cannot join, so it is alive but not ready
        try (ChoreoNode alone = ChoreoNode.start(NodeSettings.of(nodePort, List.of("127.0.0.1:" + absentSeed),
                withManagement(management, journal)))) {
            assertEquals(200, status(management, "/alive"));
            for (int i = 0; i < 3; i++) {
                assertEquals(500, status(management, "/ready"), "not a member yet");
                Thread.sleep(500);
            }
        }
        int seeded = VersionedProtocolTest.freePort();
        try (ChoreoNode node = ChoreoNode.start(NodeSettings.of(seeded, List.of("127.0.0.1:" + seeded),
                withManagement(management, journal)))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (status(management, "/ready") != 200) {
                assertTrue(System.nanoTime() < deadline, "not ready within 60 s");
                Thread.sleep(200);
            }
            assertEquals(200, status(management, "/alive"));
        }
    }

    /** A node that is its own seed, without management configured. */
    static ChoreoNode singleNode(Path journal) throws Exception {
        int port = VersionedProtocolTest.freePort();
        return ChoreoNode.start(NodeSettings.of(port, List.of("127.0.0.1:" + port), JournalDatabase.h2(journal)));
    }

    @Test
    void nothingListensUnlessConfigured() throws Exception {
        Path journal = Files.createTempDirectory("choreo-health").resolve("journal");
        try (ChoreoNode node = singleNode(journal)) {
            int defaultPort = node.system().settings().config().getInt("pekko.management.http.port");
            assertThrows(ConnectException.class, () -> status(defaultPort, "/ready"));
        }
    }

    /** The journal check answers true on a journal that answers, false (not an exception) on one that does not. */
    @Test
    void theJournalCheckFollowsTheJournal() throws Exception {
        Path journal = Files.createTempDirectory("choreo-health").resolve("journal");
        try (ChoreoNode node = singleNode(journal)) {
            assertEquals(true, new io.choreo.cluster.health.JournalCheck(node.system().classicSystem()).get()
                    .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        int nothing = VersionedProtocolTest.freePort();
        var system = org.apache.pekko.actor.typed.ActorSystem.create(
                org.apache.pekko.actor.typed.javadsl.Behaviors.empty(), "unreachable-journal",
                JournalDatabase.h2Server("127.0.0.1", nothing, journal,
                        io.choreo.persistence.config.JournalCredentials.of(journal)).withFallback(ConfigFactory.load()));
        try {
            assertEquals(false, new io.choreo.cluster.health.JournalCheck(system.classicSystem()).get()
                    .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
