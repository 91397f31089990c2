package io.choreo.bench.cluster;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.persistence.config.JournalCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.Patterns;

/**
 * Three {@link BenchNode} processes on 127.0.0.1 (seeds: the first two), the H2 journal server they share (unless
 * PostgreSQL is configured), and this JVM as a client member that hosts nothing and drives the sessions. Node JVMs
 * get {@code choreo.bench.node-opts} (space-separated JVM options, e.g. {@code -Dpekko.cluster...=...}) appended.
 */
final class NodeCluster implements AutoCloseable {
    static final String SYSTEM = "choreo";

    final List<Integer> ports;
    final List<Integer> seeds;
    final ChoreoNode client;
    final MembershipLog membership;
    private final int h2Port;
    private final Path journal;
    private final Path logs;
    private final org.h2.tools.Server h2;
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();

    NodeCluster(int basePort, Path dir) throws Exception {
        this.ports = List.of(basePort + 1, basePort + 2, basePort + 3);
        this.seeds = ports.subList(0, 2);
        this.h2Port = basePort + 99;
        this.journal = dir.resolve("journal");
        this.logs = dir;
        JournalCredentials.of(journal);
        this.h2 = org.h2.tools.Server.createTcpServer("-tcpPort", String.valueOf(h2Port), "-ifNotExists").start();
        for (int port : ports) {
            start(port);
        }
        client = ChoreoNode.start(NodeSettings.of(basePort, seeds.stream().map(p -> "127.0.0.1:" + p).toList(),
                BenchNode.journal(h2Port, journal)).asClient());
        RawShardedSession.init(client.system());
        membership = MembershipLog.start(client.system());
        awaitUp(ports.size(), Duration.ofSeconds(120));
    }

    synchronized void start(int port) throws IOException {
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-Dpekko.loglevel=WARNING",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        String extra = System.getProperty("choreo.bench.node-opts", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        // a restarted seed lists itself last: as first seed it would form a cluster of its own when the others
        // answer slowly (a loaded machine), rather than keep trying to join them
        List<Integer> order = new ArrayList<>(seeds);
        if (nodes.containsKey(port) && order.remove(Integer.valueOf(port))) {
            order.add(port);
        }
        command.addAll(List.of("-cp", classpath, BenchNode.class.getName(), String.valueOf(port),
                String.join(",", order.stream().map(p -> "127.0.0.1:" + p).toList()), String.valueOf(h2Port),
                journal.toString()));
        Path log = logs.resolve("node-" + port + ".log");
        nodes.put(port, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    /** SIGKILL: the node's JVM dies at once, without a goodbye. */
    synchronized void kill(int port) throws InterruptedException {
        Process p = nodes.get(port);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    synchronized boolean alive(int port) {
        return nodes.get(port).isAlive();
    }

    /** Hosting members that are Up and reachable, as the client sees them, whose process runs. */
    synchronized Set<Integer> upHosts() {
        Set<Integer> up = new TreeSet<>();
        var state = client.cluster().state();
        for (Member m : StreamSupport.stream(state.getMembers().spliterator(), false).toList()) {
            int port = (Integer) m.address().port().get();
            if (m.status() == MemberStatus.up() && m.hasRole(NodeSettings.HOST_ROLE)
                    && !state.getUnreachable().contains(m) && nodes.containsKey(port) && nodes.get(port).isAlive()) {
                up.add(port);
            }
        }
        return up;
    }

    boolean isMember(int port) {
        return StreamSupport.stream(client.cluster().state().getMembers().spliterator(), false)
                .anyMatch(m -> m.address().port().get().equals(port));
    }

    void awaitUp(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (upHosts().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nodes not up within " + within + ": up " + upHosts());
            }
            Thread.sleep(100);
        }
    }

    /** The port of the node whose shard region runs {@code entityId} now, if any answers. */
    Optional<Integer> hostOf(EntityTypeKey<?> type, String entityId) {
        return upHosts().stream().filter(port -> entitiesOn(type, port).contains(entityId)).findFirst();
    }

    /** The entities of {@code type} that the node on {@code port} runs now (none if it does not answer). */
    Set<String> entitiesOn(EntityTypeKey<?> type, int port) {
        var region = Adapter.toClassic(client.system()).actorSelection(
                "pekko://" + SYSTEM + "@127.0.0.1:" + port + "/system/sharding/" + type.name());
        Set<String> ids = new TreeSet<>();
        try {
            Object state = Patterns.ask(region, ShardRegion.getShardRegionStateInstance(), Duration.ofSeconds(3))
                    .toCompletableFuture().get(4, TimeUnit.SECONDS);
            for (ShardRegion.ShardState shard : ((ShardRegion.CurrentShardRegionState) state).getShards()) {
                ids.addAll(shard.getEntityIds());
            }
        } catch (Exception e) {
            // that node did not answer: nothing to count on there
        }
        return ids;
    }

    /** What the nodes logged about reachability and downing (their own view, not only the client's). */
    long nodeLogCount(String needle) throws IOException {
        long n = 0;
        for (int port : ports) {
            Path log = logs.resolve("node-" + port + ".log");
            if (Files.exists(log)) {
                n += Files.readAllLines(log).stream().filter(l -> l.contains(needle)).count();
            }
        }
        return n;
    }

    @Override
    public void close() throws Exception {
        for (int port : ports) {
            kill(port);
        }
        client.system().terminate();   // alone now: no goodbye to wait for
        h2.stop();
    }
}
