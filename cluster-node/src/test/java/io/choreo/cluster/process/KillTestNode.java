package io.choreo.cluster.process;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.Compiler;
import io.choreo.runtime.TimedCommit;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import java.nio.file.Path;
import java.util.List;

/**
 * A node process of the failover tests: {@code KillTestNode PORT SEEDS H2_PORT H2_FILE ROUNDS PACE_MS [VERSIONS]}
 * ({@code VERSIONS} of {@code Rounds} to host, e.g. {@code 1,2}; default 1), journaling to
 * the H2 server on {@code H2_PORT} (or PostgreSQL when {@code CHOREO_PG_URL} is set). It hosts
 * participants and coordinators of {@link #ROUNDS}, whose leader runs {@code ROUNDS} rounds, pausing {@code PACE_MS}
 * before each decision so a session lasts a few seconds, and of {@link TimedCommit} (see {@link #timedCommit}). It
 * serves until killed; SIGTERM leaves the cluster
 * gracefully (coordinated shutdown).
 */
public final class KillTestNode {
    /** A leader and followers, in rounds the leader decides. */
    public static final String ROUNDS = """
            choreography Rounds {
                roles: Leader, Followers[N];
                loop (decides: Leader) {
                    Leader -> Followers[*]: Ping;
                    Followers[i] -> Leader: Pong;
                }
            }""";

    /** Version 2 of {@link #ROUNDS}: the leader says goodbye to every follower after the last round. */
    public static final String ROUNDS_V2 = "#[version = \"2\"]\n" + ROUNDS.replace("    }\n}",
            "    }\n    Leader -> Followers[*]: Bye;\n}");

    private KillTestNode() {
    }

    public static void main(String[] args) throws Exception {
        // never outlive the test JVM that started this node
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() ->
                Runtime.getRuntime().halt(3)));
        int port = Integer.parseInt(args[0]);
        List<String> seeds = List.of(args[1].split(","));
        int rounds = Integer.parseInt(args[4]);
        long pace = Long.parseLong(args[5]);
        ChoreoNode node = ChoreoNode.start(NodeSettings.of(port, seeds,
                journal(Integer.parseInt(args[2]), Path.of(args[3]))));
        List<String> versions = List.of((args.length > 6 ? args[6] : "1").split(","));
        if (versions.contains("1")) {
            node.register(Compiler.compile("rounds.choreo", ROUNDS).protocol(null),
                    (role, participant, name) -> handler(role, rounds, pace), Extensions.defaults());
        }
        if (versions.contains("2")) {
            node.register(Compiler.compile("rounds-v2.choreo", ROUNDS_V2).protocol(null),
                    (role, participant, name) -> handler(role, rounds, pace), Extensions.defaults());
        }
        node.register(TimedCommit.protocol(), (role, participant, name) -> timedCommit(role, participant),
                Extensions.defaults());
        System.out.println("node " + port + " started");
        node.system().getWhenTerminated().toCompletableFuture().join();
        System.out.println("node " + port + " terminated");
        System.exit(0);
    }

    /** Deadline of {@link TimedCommit}'s vote on these nodes. */
    static final long VOTE_MS = 10_000;

    /** Deadline of {@link TimedCommit}'s vote in sessions whose id contains "kill" (the test kills a node meanwhile). */
    static final long KILL_VOTE_MS = 20_000;

    /**
     * How late {@code P[2]} votes in sessions whose id contains "kill": 10 s after their deadline, which is itself
     * twice the failover's median (about 10 s from the kill to the sessions' completion, 25 s at most under load).
     */
    static final long KILL_LATE_MS = 30_000;

    /**
     * {@link TimedCommit} on these nodes: a {@link #VOTE_MS} voting deadline ({@link #KILL_VOTE_MS} in sessions whose
     * id contains "kill"); {@code P[2]} votes {@code 2 × VOTE_MS} late in sessions whose id contains "late",
     * {@link #KILL_LATE_MS} late in those whose id contains "kill", so the coordinator (wherever it runs) times out
     * first (10 s after the deadline is ample: a failover now takes well under that).
     */
    static io.choreo.runtime.handler.RoleHandler timedCommit(String role, String participant) {
        if (role.equals("Coordinator")) {
            return new TimedCommit.Coordinator(VOTE_MS) {
                @Override
                public java.util.Map<String, ?> guardVariables(io.choreo.runtime.handler.ChoiceContext choice) {
                    return java.util.Map.of("vote_ms", choice.sessionId().contains("kill") ? KILL_VOTE_MS : VOTE_MS);
                }
            };
        }
        return new io.choreo.runtime.handler.AsyncRoleHandler() {
            @Override
            public java.util.concurrent.CompletionStage<Object> payloadAsync(
                    io.choreo.runtime.handler.SendContext send) {
                long delay = !participant.equals("P[2]") || !send.message().label().equals("Vote") ? 0
                        : send.sessionId().contains("late") ? 2 * VOTE_MS
                        : send.sessionId().contains("kill") ? KILL_LATE_MS : 0;
                return delay > 0 ? java.util.concurrent.CompletableFuture.supplyAsync(() -> null,
                        java.util.concurrent.CompletableFuture.delayedExecutor(delay,
                                java.util.concurrent.TimeUnit.MILLISECONDS))
                        : java.util.concurrent.CompletableFuture.completedFuture(null);
            }
        };
    }

    /** PostgreSQL when {@code CHOREO_PG_URL} is set, else the test's H2 server. */
    static com.typesafe.config.Config journal(int h2Port, Path h2File) {
        String pg = System.getenv("CHOREO_PG_URL");
        return pg == null || pg.isBlank() ? JournalDatabase.h2Server("127.0.0.1", h2Port, h2File,
                io.choreo.persistence.config.JournalCredentials.of(h2File))
                : JournalDatabase.fromEnvironment(h2File);
    }

    /** Counts what it received; the leader loops {@code rounds} times. */
    static RoleHandler handler(String role, int rounds, long pace) {
        return new RoleHandler() {
            int received;

            @Override
            public void received(ReceiveContext r) {
                received++;
            }

            @Override
            public boolean continueLoop(LoopContext loop) {
                try {
                    Thread.sleep(pace);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return loop.iteration() < rounds;
            }

            @Override
            public Object result() {
                return received;
            }
        };
    }
}
