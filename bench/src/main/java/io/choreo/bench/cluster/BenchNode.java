package io.choreo.bench.cluster;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalCredentials;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.Compiler;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.RoleHandler;
import java.nio.file.Path;
import java.util.List;

/**
 * A node process of the cluster benchmarks: {@code BenchNode PORT SEEDS H2_PORT H2_FILE}. A {@link ChoreoNode}
 * (the node the product runs) hosting participants and coordinators of {@link #RELAY} and {@link #ROUNDS}, and the
 * raw entities of {@link RawShardedSession}; journal on the driver's H2 server, or PostgreSQL when
 * {@code CHOREO_PG_URL} is set. It halts when the driver that started it exits.
 */
public final class BenchNode {
    /** Three roles, four messages: the session of {@link ClusterScaleBench}. */
    static final String RELAY = "choreography Relay { roles: A, B, C; A -> B: Ask; B -> C: Ask; C -> B: Answer;"
            + " B -> A: Answer; }";

    /** A leader and followers in {@link #ROUNDS_COUNT} rounds of {@link #PACE_MS}: sessions in flight at a kill. */
    static final String ROUNDS = "choreography Rounds { roles: Leader, Followers[N];"
            + " loop (decides: Leader) { Leader -> Followers[*]: Ping; Followers[i] -> Leader: Pong; } }";
    static final int ROUNDS_COUNT = 20;
    static final long PACE_MS = 50;

    private BenchNode() {
    }

    public static void main(String[] args) throws Exception {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() ->
                Runtime.getRuntime().halt(3)));
        int port = Integer.parseInt(args[0]);
        ChoreoNode node = ChoreoNode.start(NodeSettings.of(port, List.of(args[1].split(",")),
                journal(Integer.parseInt(args[2]), Path.of(args[3]))));
        node.register(Compiler.compile("relay.choreo", RELAY).protocol(null), (role, p, name) -> new RoleHandler() {
        }, Extensions.defaults());
        node.register(Compiler.compile("rounds.choreo", ROUNDS).protocol(null), (role, p, name) -> paced(),
                Extensions.defaults());
        RawShardedSession.init(node.system());
        System.out.println("node " + port + " started");
        node.system().getWhenTerminated().toCompletableFuture().join();
    }

    /** The shared journal: PostgreSQL when {@code CHOREO_PG_URL} is set, else the driver's H2 server. */
    static com.typesafe.config.Config journal(int h2Port, Path h2File) {
        String pg = System.getenv("CHOREO_PG_URL");
        return pg == null || pg.isBlank()
                ? JournalDatabase.h2Server("127.0.0.1", h2Port, h2File, JournalCredentials.of(h2File))
                : JournalDatabase.fromEnvironment(h2File);
    }

    private static RoleHandler paced() {
        return new RoleHandler() {
            @Override
            public boolean continueLoop(LoopContext loop) {
                try {
                    Thread.sleep(PACE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return loop.iteration() < ROUNDS_COUNT;
            }
        };
    }
}
