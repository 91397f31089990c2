package io.choreo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.TimedCommit;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.handler.TimeoutContext;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.cluster.MemberStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A two-phase commit with a voting deadline on a three-node cluster (three ActorSystems in this JVM on 127.0.0.1,
 * participants as sharded durable entities spread over them): votes in time commit; a vote held past the deadline
 * makes the coordinator's sharded entity time out on its node, consume the late vote and abort.
 */
class ClusterDeadlineTest {
    static final List<ChoreoNode> nodes = new ArrayList<>();
    /** Per session: the vote P[2] holds until the coordinator timed out (absent: votes at once). */
    static final Map<String, CompletableFuture<TimeoutContext>> held = new ConcurrentHashMap<>();
    /** Per session: the node each participant ran on. */
    static final Map<String, Set<String>> hosts = new ConcurrentHashMap<>();

    static RoleHandlers handlers(String node) {
        return (role, participant, name) -> new AsyncRoleHandler() {
            @Override
            public Map<String, ?> guardVariables(ChoiceContext choice) {
                return Map.of("vote_ms", held.containsKey(choice.sessionId()) ? 500L : 60_000L);
            }

            @Override
            public void timedOut(TimeoutContext t) {
                held.get(t.sessionId()).complete(t);
            }

            @Override
            public CompletionStage<Object> payloadAsync(SendContext send) {
                hosts.computeIfAbsent(send.sessionId(), k -> ConcurrentHashMap.newKeySet()).add(node);
                CompletableFuture<TimeoutContext> hold = held.get(send.sessionId());
                if (hold != null && participant.equals("P[2]") && send.message().label().equals("Vote")) {
                    return hold.thenApply(t -> null);
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void received(ReceiveContext r) {
            }
        };
    }

    @BeforeAll
    static void startCluster() throws Exception {
        Path journal = Files.createTempDirectory("choreo-cluster-deadline").resolve("journal");
        List<Integer> ports = List.of(ClusterTest.freePort(), ClusterTest.freePort(), ClusterTest.freePort());
        List<String> seeds = List.of("127.0.0.1:" + ports.get(0), "127.0.0.1:" + ports.get(1));
        CompiledProtocol commit = TimedCommit.protocol();
        for (int port : ports) {
            ChoreoNode node = ChoreoNode.start(NodeSettings.of(port, seeds, JournalDatabase.h2(journal)));
            node.register(commit, handlers("node-" + port), Extensions.defaults());
            nodes.add(node);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!nodes.stream().allMatch(n -> StreamSupport.stream(n.cluster().state().getMembers().spliterator(),
                false).filter(m -> m.status() == MemberStatus.up()).count() == 3)) {
            assertTrue(System.currentTimeMillis() < deadline, "the cluster did not form");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopCluster() {
        for (ChoreoNode n : nodes) {
            try {
                n.close();
            } catch (Exception ignored) {
                // already stopped
            }
        }
    }

    private static List<String> run(ChoreoNode node, String sessionId) throws Exception {
        SessionSpec spec = node.session("TimedCommit").bindRoleCount("P", 3).withSessionId(sessionId).withTimeout(Duration.ofSeconds(60))
                .withTrace(true);
        SessionOutcome.SessionCompleted done = io.choreo.runtime.RuntimeTestSupport.completed(node.run(spec)
                .toCompletableFuture().get(90, TimeUnit.SECONDS));
        return done.trace().stream().map(TraceEvent::toString).collect(Collectors.toList());
    }

    @Test
    void votesInTimeCommitAndALateVoteTimesOutAcrossNodes() throws Exception {
        List<String> inTime = run(nodes.get(0), "commit-in-time");
        assertTrue(inTime.stream().anyMatch(e -> e.startsWith("Coordinator -> P[2]: Commit")), inTime::toString);
        assertTrue(inTime.stream().noneMatch(e -> e.contains("timeout")), inTime::toString);

        held.put("commit-late", new CompletableFuture<>());
        List<String> late = run(nodes.get(1), "commit-late");
        int timeout = late.indexOf(TimedCommit.TIMEOUT_EVENT);
        assertTrue(timeout >= 0, late::toString);
        assertTrue(late.indexOf("P[2] -> Coordinator: Vote") > timeout, late::toString);
        assertTrue(late.stream().anyMatch(e -> e.startsWith("Coordinator -> P[0]: Abort")), late::toString);
        assertEquals(Duration.ofMillis(500), held.get("commit-late").join().duration());
        assertTrue(hosts.get("commit-late").size() >= 2, "participants ran on several nodes: " + hosts);
    }
}
