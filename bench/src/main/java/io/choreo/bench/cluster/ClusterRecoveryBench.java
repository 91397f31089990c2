package io.choreo.bench.cluster;

import io.choreo.cluster.session.ClusterSessions;
import io.choreo.cluster.sharding.RoleEntity;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Recovery after SIGKILL across three node processes ({@link NodeCluster}): each trial starts
 * {@value #SESSIONS} {@link BenchNode#ROUNDS} sessions (about 1 s of work each), SIGKILLs the node hosting the leader
 * of one of them, and measures from the kill to every session completed, with when the client saw the node
 * unreachable, downed and removed; the node is started again once removed. Batches without a kill, run first, say how
 * long a batch takes on its own, so each row also says how much of its sessions' own work was left at the kill and
 * what the kill added (completed less that). {@code choreo.bench.kills} trials (default
 * 20; QUICK 5). Prints a row per kill and min/p50/p90/max of each column.
 */
public final class ClusterRecoveryBench {
    static final int SESSIONS = 6;
    static final int FOLLOWERS = 2;

    private ClusterRecoveryBench() {
    }

    /** Seconds from the kill to each milestone (NaN if not seen). */
    record Kill(int port, double unreachable, double downed, double removed, double available, double completed,
                double workLeft, int failed) {
        /** What the kill added: the time to completion less the sessions' own work still left at the kill. */
        double added() {
            return completed - workLeft;
        }
    }

    /** Raw participant entities started before each kill, some of which run on the victim. */
    static final int PROBES = 12;

    public static void main(String[] args) throws Exception {
        ClusterScaleBench.quiet();
        int kills = Integer.getInteger("choreo.bench.kills", Boolean.getBoolean("quick") ? 5 : 20);
        long seed = Long.getLong("choreo.bench.seed", System.nanoTime());
        Random random = new Random(seed);
        CompiledProtocol rounds = Compiler.compile("rounds.choreo", BenchNode.ROUNDS).protocol(null);
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.println("ClusterRecoveryBench: " + kills + " kills, seed " + seed + ", node options '"
                + System.getProperty("choreo.bench.node-opts", "") + "'");
        List<Kill> all = new ArrayList<>();
        try (NodeCluster cluster = new NodeCluster(27200, Files.createTempDirectory("choreo-recovery-bench"))) {
            cluster.awaitUp(3, Duration.ofSeconds(120));
            double unkilled = unkilledSeconds(cluster, rounds, run);
            System.out.printf("sessions without a kill: %.2f s from start to the last completed (median of %d"
                    + " batches)%n", unkilled, CONTROL_BATCHES);
            System.out.println("| kill | node | unreachable s | downed s | removed s | shard available s |"
                    + " sessions completed s | work left s | added by the kill s | failed |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int k = 1; k <= kills; k++) {
                cluster.awaitUp(3, Duration.ofSeconds(120));
                Thread.sleep(1000);   // the restarted node's regions register with the shard coordinators
                String prefix = run + "-" + k;
                long started = System.nanoTime();
                List<CompletableFuture<SessionOutcome>> sessions = start(cluster, rounds, prefix);
                var sharding = org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(
                        cluster.client.system());
                for (int p = 0; p < PROBES; p++) {
                    sharding.entityRefFor(RawShardedSession.ROLE, prefix + "-probe/" + p)
                            .<RawShardedSession.Done>ask(RawShardedSession.Probe::new, Duration.ofSeconds(10));
                }
                Thread.sleep(300 + random.nextInt(400));
                String leader = RoleEntity.entityId(prefix + "-" + random.nextInt(SESSIONS), "Leader");
                int victim = cluster.hostOf(RoleEntity.TYPE_KEY, leader)
                        .orElse(List.copyOf(cluster.upHosts()).get(random.nextInt(3)));
                java.util.Set<String> probes = cluster.entitiesOn(RawShardedSession.ROLE, victim);
                long killed = System.nanoTime();
                cluster.kill(victim);
                double available = probes.isEmpty() ? Double.NaN
                        : (availableAgain(sharding, probes.iterator().next()) - killed) / 1e9;
                int failed = 0;
                long last = killed;
                for (CompletableFuture<SessionOutcome> f : sessions) {
                    try {
                        if (!(f.get(90, TimeUnit.SECONDS) instanceof SessionOutcome.SessionCompleted)) {
                            failed++;
                        }
                    } catch (Exception e) {
                        failed++;
                    }
                    last = Math.max(last, System.nanoTime());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (cluster.isMember(victim) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Function<String, Double> at = kind -> cluster.membership.first(kind, victim, killed)
                        .map(s -> (s.nanos() - killed) / 1e9).orElse(Double.NaN);
                Kill kill = new Kill(victim, at.apply("unreachable"), at.apply("downed"), at.apply("removed"),
                        available, (last - killed) / 1e9, Math.max(0, unkilled - (killed - started) / 1e9), failed);
                all.add(kill);
                System.out.printf("| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |%n", k, victim,
                        kill.unreachable(), kill.downed(), kill.removed(), kill.available(), kill.completed(),
                        kill.workLeft(), kill.added(), failed);
                cluster.start(victim);
            }
        }
        System.out.println();
        System.out.println("| " + all.size() + " kills | min | p50 | p90 | max |");
        System.out.println("|---|---:|---:|---:|---:|");
        summary("unreachable s", all.stream().map(Kill::unreachable).toList());
        summary("downed s", all.stream().map(Kill::downed).toList());
        summary("removed s", all.stream().map(Kill::removed).toList());
        summary("shard available s (a raw entity of the killed node answers)",
                all.stream().map(Kill::available).toList());
        summary("sessions completed s", all.stream().map(Kill::completed).toList());
        summary("work left at the kill s (the sessions' own, from the batches without a kill)",
                all.stream().map(Kill::workLeft).toList());
        summary("added by the kill s (completed less the work left)", all.stream().map(Kill::added).toList());
        System.out.println("failed sessions: " + all.stream().mapToInt(Kill::failed).sum());
        System.exit(0);
    }

    /** Batches of sessions run without a kill to learn how long a batch takes on its own. */
    static final int CONTROL_BATCHES = 5;

    /** {@value #SESSIONS} sessions of {@code rounds}, started at once. */
    private static List<CompletableFuture<SessionOutcome>> start(NodeCluster cluster, CompiledProtocol rounds,
                                                                 String prefix) {
        List<CompletableFuture<SessionOutcome>> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            sessions.add(ClusterSessions.run(cluster.client.system(), SessionSpec.of(rounds)
                    .withSessionId(prefix + "-" + s).bindRoleCount("Followers", FOLLOWERS)
                    .withTimeout(Duration.ofSeconds(60))).toCompletableFuture());
        }
        return sessions;
    }

    /**
     * Seconds from the start of a batch to its last session completed, with no kill: the median of
     * {@value #CONTROL_BATCHES} batches (after one to warm up), so that each kill's row can say how much of its
     * sessions' own work was still left when it struck.
     */
    private static double unkilledSeconds(NodeCluster cluster, CompiledProtocol rounds, String run) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (int b = 0; b <= CONTROL_BATCHES; b++) {
            long started = System.nanoTime();
            for (CompletableFuture<SessionOutcome> f : start(cluster, rounds, run + "-control-" + b)) {
                f.get(90, TimeUnit.SECONDS);
            }
            if (b > 0) {
                seconds.add((System.nanoTime() - started) / 1e9);
            }
        }
        return new Latencies(seconds).percentile(50);
    }

    /**
     * When {@code entityId} (which ran on the killed node) answers again from a survivor: asked every 100 ms, each
     * ask waiting up to 500 ms, for at most 60 s.
     */
    private static long availableAgain(org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding sharding,
                                       String entityId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long asked = System.nanoTime();
            try {
                sharding.entityRefFor(RawShardedSession.ROLE, entityId).<RawShardedSession.Done>ask(
                        RawShardedSession.Probe::new, Duration.ofMillis(500)).toCompletableFuture()
                        .get(1, TimeUnit.SECONDS);
                return System.nanoTime();
            } catch (Exception e) {
                Thread.sleep(Math.max(0, 100 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)));
            }
        }
        return deadline;
    }

    private static void summary(String name, List<Double> seconds) {
        Latencies l = new Latencies(seconds.stream().filter(d -> !d.isNaN()).toList());
        System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f |%n", name, l.min(), l.percentile(50), l.percentile(90),
                l.max());
    }
}
