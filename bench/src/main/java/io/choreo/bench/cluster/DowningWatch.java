package io.choreo.bench.cluster;

import io.choreo.cluster.session.ClusterSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.nio.file.Files;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * False downing under load: three node processes ({@link NodeCluster}) stay up for {@code choreo.bench.minutes}
 * (default 10; QUICK 1) while the client keeps {@code choreo.bench.in-flight} (default 32) {@link BenchNode#RELAY}
 * sessions running; load the machine besides (e.g. {@code yes > /dev/null} twice). Counts what a healthy cluster
 * must never show: members marked unreachable or downed, as the client saw them and as the nodes logged them.
 */
public final class DowningWatch {
    private DowningWatch() {
    }

    public static void main(String[] args) throws Exception {
        ClusterScaleBench.quiet();
        int minutes = Integer.getInteger("choreo.bench.minutes", Boolean.getBoolean("quick") ? 1 : 10);
        int inFlight = Integer.getInteger("choreo.bench.in-flight", 32);
        CompiledProtocol relay = Compiler.compile("relay.choreo", BenchNode.RELAY).protocol(null);
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (NodeCluster cluster = new NodeCluster(27300, Files.createTempDirectory("choreo-downing-watch"))) {
            long since = System.nanoTime();
            long end = since + TimeUnit.MINUTES.toNanos(minutes);
            Semaphore slots = new Semaphore(inFlight);
            AtomicLong completed = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long next = 0;
            long report = since + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() < end) {
                if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    ClusterSessions.run(cluster.client.system(), SessionSpec.of(relay)
                            .withSessionId(run + "-" + next++)).whenComplete((o, e) -> {
                                (o instanceof SessionOutcome.SessionCompleted ? completed : failed).incrementAndGet();
                                slots.release();
                            });
                }
                if (System.nanoTime() > report) {
                    report += TimeUnit.MINUTES.toNanos(1);
                    System.out.printf("%s: %d sessions completed, %d failed, unreachable %d, downed %d%n",
                            java.time.LocalTime.now(), completed.get(), failed.get(),
                            cluster.membership.since(since, "unreachable").size(),
                            cluster.membership.since(since, "downed").size());
                }
            }
            slots.tryAcquire(inFlight, 60, TimeUnit.SECONDS);
            System.out.printf("%n| DowningWatch (%d min, 3 nodes, %d in flight) | count |%n|---|---:|%n", minutes,
                    inFlight);
            System.out.printf("| sessions completed | %d |%n| sessions failed | %d |%n", completed.get(), failed.get());
            System.out.printf("| unreachable events (client's view) | %d |%n",
                    cluster.membership.since(since, "unreachable").size());
            System.out.printf("| downed events (client's view) | %d |%n", cluster.membership.since(since, "downed")
                    .size());
            System.out.printf("| removed events (client's view) | %d |%n", cluster.membership.since(since, "removed")
                    .size());
            System.out.printf("| \"Marking node as UNREACHABLE\" in the nodes' logs | %d |%n",
                    cluster.nodeLogCount("Marking node as UNREACHABLE"));
            System.out.printf("| SBR downing decisions in the nodes' logs | %d |%n",
                    cluster.nodeLogCount("SBR took decision"));
            System.out.printf("| nodes alive at the end | %d of 3 (up %s) |%n",
                    cluster.ports.stream().filter(cluster::alive).count(), cluster.upHosts());
        }
        System.exit(0);
    }
}
