package io.choreo.cluster.process;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.Compiler;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import java.nio.file.Path;
import java.util.List;

/**
 * A node process of the failover tests: {@code KillTestNode PORT SEEDS H2_PORT H2_FILE ROUNDS PACE_MS}, journaling to
 * the H2 server on {@code H2_PORT} (or PostgreSQL when {@code CHOREO_PG_URL} is set). It hosts
 * participants and coordinators of {@link #ROUNDS}, whose leader runs {@code ROUNDS} rounds, pausing {@code PACE_MS}
 * before each decision so a session lasts a few seconds. It serves until killed; SIGTERM leaves the cluster
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
        node.register(Compiler.compile("rounds.choreo", ROUNDS).protocol(null),
                (role, participant, name) -> handler(role, rounds, pace), Extensions.defaults());
        System.out.println("node " + port + " started");
        node.system().getWhenTerminated().toCompletableFuture().join();
        System.out.println("node " + port + " terminated");
        System.exit(0);
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
