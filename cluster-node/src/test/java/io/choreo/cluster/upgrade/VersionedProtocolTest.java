package io.choreo.cluster.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.cluster.sharding.ProtocolRegistry;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real cluster nodes in one JVM sharing an H2 journal: {@code both} hosts versions 1 and 2 of a protocol; later
 * {@code newOnly}, hosting only version 2, joins. New sessions start on the newest version, a session asked for version 1 runs on
 * version 1, and a version-1 participant placed on {@code newOnly} is refused with a typed {@code VersionNotHosted}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VersionedProtocolTest {
    static final String V1 = """
            #[version = "1"]
            choreography Greet { roles: A, B; A -> B: Hello; }""";
    static final String V2 = """
            #[version = "2"]
            choreography Greet { roles: A, B; A -> B: Hello; B -> A: Thanks; }""";

    static ChoreoNode both;
    static ChoreoNode newOnly;

    static CompiledProtocol compile(String name, String text) {
        return Compiler.compile(name, text).protocol(null);
    }

    /** Each participant's result: how many messages it received. */
    static RoleHandlers counting() {
        return (role, participant, name) -> new RoleHandler() {
            int received;

            @Override
            public void received(ReceiveContext r) {
                received++;
            }

            @Override
            public Object result() {
                return received;
            }
        };
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Path journal = Files.createTempDirectory("choreo-versions").resolve("journal");
        int p1 = freePort();
        int p2 = freePort();
        List<String> seeds = List.of("127.0.0.1:" + p1);
        both = ChoreoNode.start(NodeSettings.of(p1, seeds, JournalDatabase.h2(journal)));
        both.register(compile("greet-v1.choreo", V1), counting(), Extensions.defaults());
        both.register(compile("greet-v2.choreo", V2), counting(), Extensions.defaults());
        waitUntilUp(both, 1);
        newOnlyNode = () -> {
            ChoreoNode n = ChoreoNode.start(NodeSettings.of(p2, seeds, JournalDatabase.h2(journal)));
            n.register(compile("greet-v2.choreo", V2), counting(), Extensions.defaults());
            return n;
        };
    }

    static java.util.concurrent.Callable<ChoreoNode> newOnlyNode;

    static void waitUntilUp(ChoreoNode node, int members) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (up(node) < members) {
            assertTrue(System.currentTimeMillis() < deadline, "the cluster did not form");
            Thread.sleep(100);
        }
    }

    static long up(ChoreoNode n) {
        return StreamSupport.stream(n.cluster().state().getMembers().spliterator(), false)
                .filter(m -> m.status() == MemberStatus.up()).count();
    }

    @AfterAll
    static void stop() throws Exception {
        if (newOnly != null) {
            newOnly.close();
        }
        both.close();
    }

    @Test
    @Order(1)
    void registryOrdersVersionsAndRefusesAChangedProtocolUnderAnOldVersion() {
        ProtocolRegistry registry = ProtocolRegistry.get(both.system());
        assertEquals(List.of("1", "2"), registry.versions("Greet"));
        assertEquals("2", registry.lookup("Greet").orElseThrow().version());
        assertEquals("1", registry.lookup("Greet", null).orElseThrow().version(), "no version recorded = 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.register(
                compile("changed.choreo", V2.replace("\"2\"", "\"1\"")), counting(), Extensions.defaults()));
        assertTrue(e.getMessage().contains("version 1 of Greet is already registered"), e.getMessage());
    }

    @Test
    @Order(2)
    void newSessionsRunTheNewestVersionAndAnOldVersionOnRequest() throws Exception {
        SessionOutcome v2 = both.run(both.session("Greet").withSessionId("newest")).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertInstanceOf(SessionOutcome.SessionCompleted.class, v2, v2.toString());
        assertEquals(1, ((SessionOutcome.SessionCompleted) v2).results().get("A"), "v2: A receives Thanks");
        SessionOutcome v1 = both.run(both.session("Greet", "1").withSessionId("pinned")).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertEquals(0, ((SessionOutcome.SessionCompleted) v1).results().get("A"), "v1: A receives nothing");
        SessionOutcome unknown = both.run(both.session("Greet", "1").withSessionId("pinned")).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertInstanceOf(SessionOutcome.SessionCompleted.class, unknown, "the ended session's outcome again");
    }

    /**
     * Once {@code newOnly} joined, version-1 sessions whose coordinator or participants land on it fail with
     * {@code VersionNotHosted} naming that node; the others complete on version 1. New shards go to the node with
     * the fewest (the newcomer, once its regions registered), so some sessions are refused.
     */
    @Test
    @Order(3)
    void aNodeWithoutTheVersionRefusesItsParticipants() throws Exception {
        newOnly = newOnlyNode.call();
        waitUntilUp(both, 2);
        waitUntilUp(newOnly, 2);
        // the newcomer's shard regions register with the shard coordinators shortly after it is Up: batches of
        // sessions until one has an entity placed there
        int completed = 0;
        int refused = 0;
        String newOnlyAddress = newOnly.system().address().toString();
        for (int batch = 0; batch < 10 && refused == 0; batch++) {
            Thread.sleep(1000);
            List<CompletableFuture<SessionOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(both.run(both.session("Greet", "1").withSessionId("old-" + batch + "-" + i))
                        .toCompletableFuture());
            }
            for (CompletableFuture<SessionOutcome> run : runs) {
                SessionOutcome outcome = run.get(90, TimeUnit.SECONDS);
                if (outcome instanceof SessionOutcome.SessionCompleted c) {
                    assertEquals(0, c.results().get("A"), "ran on version 1");
                    completed++;
                } else {
                    SessionError.VersionNotHosted e = assertInstanceOf(SessionError.VersionNotHosted.class,
                            ((SessionOutcome.SessionFailed) outcome).cause(), outcome.toString());
                    assertEquals(newOnlyAddress, e.node());
                    assertEquals(List.of("2"), e.hosted());
                    assertEquals("1", e.version());
                    refused++;
                }
            }
        }
        assertTrue(refused > 0, "completed " + completed + ", refused " + refused);
    }
}
