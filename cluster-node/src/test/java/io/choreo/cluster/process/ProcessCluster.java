package io.choreo.cluster.process;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.cluster.session.SessionCoordinator;
import io.choreo.cluster.sharding.RoleEntity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The node processes of a failover test and the test's own client member (which starts sessions, hosts nothing and
 * reads the journal): starts and restarts nodes on fixed ports, and tells which node hosts an entity.
 */
final class ProcessCluster implements AutoCloseable {
    final List<Integer> ports;
    final List<Integer> seeds;
    final ChoreoNode client;
    private final Path journal;
    private final Path logs;
    private final int rounds;
    private final long pace;
    private final Map<Integer, NodeProcess> nodes = new LinkedHashMap<>();
    private final int h2Port;
    private final org.h2.tools.Server h2;

    /** Serves the H2 journal from this JVM on {@code h2Port}, starts the nodes, then joins as a client. */
    ProcessCluster(int clientPort, int h2Port, List<Integer> ports, Path journal, Path logs, int rounds, long pace)
            throws Exception {
        this.h2Port = h2Port;
        io.choreo.persistence.config.JournalCredentials.of(journal);   // the nodes' login, settled before they start
        this.h2 = org.h2.tools.Server.createTcpServer("-tcpPort", String.valueOf(h2Port), "-ifNotExists").start();
        this.ports = List.copyOf(ports);
        this.seeds = List.of(ports.get(0), ports.get(1));
        this.journal = journal;
        this.logs = logs;
        this.rounds = rounds;
        this.pace = pace;
        for (int port : ports) {
            start(port);
        }
        List<String> seedList = seeds.stream().map(p -> "127.0.0.1:" + p).toList();
        this.client = ChoreoNode.start(NodeSettings.of(clientPort, seedList, KillTestNode.journal(h2Port, journal))
                .asClient());
    }

    /** The versions of {@code Rounds} that nodes started from now on host (see {@link KillTestNode}). */
    volatile String versions = "1";

    synchronized void start(int port) throws Exception {
        nodes.put(port, NodeProcess.start(port, seeds, h2Port, journal, logs, rounds, pace, versions));
    }

    synchronized NodeProcess node(int port) {
        return nodes.get(port);
    }

    /** Starts the nodes whose process died, then waits until every node is Up (as this client sees it). */
    void ensureAllUp(Duration within) throws Exception {
        ensureUp(ports.size(), within);
    }

    /**
     * Waits until at least {@code count} nodes, among them both seeds, are Up (a node killed earlier may still be
     * joining again: a kill then leaves a majority, and a restarting seed always finds the other one).
     */
    void ensureUp(int count, Duration within) throws Exception {
        synchronized (this) {
            for (int port : ports) {
                if (!nodes.get(port).alive() && !restarting.contains(port)) {
                    start(port);
                }
            }
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (upHosts().size() < count || !upHosts().containsAll(seeds)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nodes not up within " + within + ": up " + upHosts());
            }
            Thread.sleep(200);
        }
    }

    private final Set<Integer> restarting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Starts a new JVM on {@code port} once the client sees the killed one removed from the cluster (so the
     * failover measured is the Split Brain Resolver's, not a new incarnation's join replacing the old one).
     */
    java.util.concurrent.CompletableFuture<Void> restartWhenRemoved(int port) {
        restarting.add(port);
        return java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (isMember(port) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                start(port);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                restarting.remove(port);
            }
        });
    }

    private boolean isMember(int port) {
        return StreamSupport.stream(client.cluster().state().getMembers().spliterator(), false)
                .anyMatch(m -> m.address().port().get().equals(port));
    }

    /** Ports of the hosting members that are Up, reachable, and whose process runs (and was not killed since). */
    synchronized Set<Integer> upHosts() {
        Set<Integer> up = new TreeSet<>();
        for (Member m : StreamSupport.stream(client.cluster().state().getMembers().spliterator(), false).toList()) {
            if (m.status() == MemberStatus.up() && m.hasRole(NodeSettings.HOST_ROLE)
                    && !client.cluster().state().getUnreachable().contains(m)) {
                int port = (Integer) m.address().port().get();
                if (nodes.containsKey(port) && nodes.get(port).alive() && !restarting.contains(port)) {
                    up.add(port);
                }
            }
        }
        return up;
    }

    /** The port of the node hosting {@code entityId} (asking each node's shard region what it runs now). */
    Optional<Integer> hostOf(EntityTypeKey<?> type, String entityId) throws Exception {
        for (int port : upHosts()) {
            ActorSelection region = Adapter.toClassic(client.system()).actorSelection(
                    "pekko://choreo@127.0.0.1:" + port + "/system/sharding/" + type.name());
            try {
                Object state = Patterns.ask(region, ShardRegion.getShardRegionStateInstance(), Duration.ofSeconds(3))
                        .toCompletableFuture().get(4, TimeUnit.SECONDS);
                for (ShardRegion.ShardState shard : ((ShardRegion.CurrentShardRegionState) state).getShards()) {
                    if (shard.getEntityIds().contains(entityId)) {
                        return Optional.of(port);
                    }
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // that node did not answer: it hosts nothing we can count on
            }
        }
        return Optional.empty();
    }

    /**
     * Starts {@code count} Rounds sessions {@code prefix-0}, {@code prefix-1}, … of {@code protocol} from the client,
     * each with {@code followers} followers and a 90 s timeout.
     */
    Map<String, java.util.concurrent.CompletableFuture<io.choreo.runtime.session.SessionOutcome>> startSessions(
            io.choreo.projection.CompiledProtocol protocol, String prefix, int count, int followers) {
        Map<String, java.util.concurrent.CompletableFuture<io.choreo.runtime.session.SessionOutcome>> started =
                new LinkedHashMap<>();
        for (int s = 0; s < count; s++) {
            String id = prefix + "-" + s;
            var spec = io.choreo.runtime.session.SessionSpec.of(protocol).withSessionId(id)
                    .bindRoleCount("Followers", followers).withTimeout(Duration.ofSeconds(90));
            started.put(id, io.choreo.cluster.session.ClusterSessions.run(client.system(), spec)
                    .toCompletableFuture());
        }
        return started;
    }

    Optional<Integer> coordinatorHost(String sessionId) throws Exception {
        return hostOf(SessionCoordinator.TYPE_KEY, sessionId);
    }

    /** Nodes hosting the participants of a Rounds session with {@code followers} followers. */
    Set<Integer> participantHosts(String sessionId, int followers) throws Exception {
        Set<Integer> hosts = new TreeSet<>();
        hostOf(RoleEntity.TYPE_KEY, RoleEntity.entityId(sessionId, "Leader")).ifPresent(hosts::add);
        for (int i = 0; i < followers; i++) {
            hostOf(RoleEntity.TYPE_KEY, RoleEntity.entityId(sessionId, "Followers[" + i + "]"))
                    .ifPresent(hosts::add);
        }
        return hosts;
    }

    @Override
    public void close() throws Exception {
        for (NodeProcess n : nodes.values()) {
            n.kill();
        }
        client.close();
        h2.stop();
    }
}
