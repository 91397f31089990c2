package io.choreo.bench.cluster;

import io.choreo.cluster.session.ClusterSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Sessions per second to completion across three node processes ({@link NodeCluster}): {@link BenchNode#RELAY}
 * sessions (coordinator and participants sharded over the nodes, durable) against {@link RawShardedSession} (raw
 * sharded entities, same messages, same journal), each kept at {@code choreo.bench.in-flight} sessions in flight
 * (default 64) for a measurement window, alternating choreo and raw. Prints one Markdown row per round and the
 * median row: sessions/s, ratio, p50 and p99 latency (start to outcome, as the client sees it).
 */
public final class ClusterScaleBench {
    private ClusterScaleBench() {
    }

    /** One window: completions per second and the latency of each completed session. */
    record Window(double perSecond, Latencies latency, int failed) {
    }

    /** The client member logs warnings only (set before its configuration is first loaded). */
    static void quiet() {
        System.setProperty("pekko.loglevel", "WARNING");
        System.setProperty("pekko.log-dead-letters", "off");
        System.setProperty("pekko.log-dead-letters-during-shutdown", "off");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    public static void main(String[] args) throws Exception {
        quiet();
        boolean quick = Boolean.getBoolean("quick");
        int inFlight = Integer.getInteger("choreo.bench.in-flight", 64);
        Duration window = Duration.ofSeconds(quick ? 5 : 15);
        int rounds = quick ? 1 : 3;
        CompiledProtocol relay = Compiler.compile("relay.choreo", BenchNode.RELAY).protocol(null);
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicInteger ids = new AtomicInteger();
        try (NodeCluster cluster = new NodeCluster(27100, Files.createTempDirectory("choreo-cluster-bench"))) {
            var system = cluster.client.system();
            ClusterSharding sharding = ClusterSharding.get(system);
            Function<String, CompletionStage<Boolean>> choreo = id -> ClusterSessions.run(system,
                    SessionSpec.of(relay).withSessionId(id)).thenApply(o -> o instanceof SessionOutcome.SessionCompleted);
            Function<String, CompletionStage<Boolean>> raw = id -> sharding.entityRefFor(RawShardedSession.SESSION, id)
                    .<RawShardedSession.Done>ask(RawShardedSession.Begin::new, Duration.ofSeconds(30))
                    .thenApply(d -> true);
            Function<String, String> id = kind -> run + "-" + kind + "-" + ids.incrementAndGet();
            System.out.println("warming up (" + window.toSeconds() + " s each)");
            measure(k -> choreo.apply(id.apply("c")), inFlight, window);
            measure(k -> raw.apply(id.apply("r")), inFlight, window);
            System.out.printf("%n| round (3 nodes, %d in flight, %d s) | choreo sessions/s | raw sessions/s | ratio |"
                    + " choreo p50 ms | choreo p99 ms | raw p50 ms | raw p99 ms | failed |%n", inFlight,
                    window.toSeconds());
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            List<Window[]> all = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Window c = measure(k -> choreo.apply(id.apply("c")), inFlight, window);
                Window w = measure(k -> raw.apply(id.apply("r")), inFlight, window);
                all.add(new Window[] {c, w});
                row(String.valueOf(r + 1), c, w);
            }
            all.sort(java.util.Comparator.comparingDouble(p -> p[0].perSecond() / p[1].perSecond()));
            Window[] median = all.get(all.size() / 2);
            row("median ratio", median[0], median[1]);
        }
        System.exit(0);
    }

    private static void row(String name, Window c, Window w) {
        System.out.printf("| %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f | %d |%n", name, c.perSecond(),
                w.perSecond(), c.perSecond() / w.perSecond(), c.latency().percentile(50),
                c.latency().percentile(99), w.latency().percentile(50), w.latency().percentile(99),
                c.failed() + w.failed());
    }

    /** Keeps {@code inFlight} sessions running for {@code window}; counts those that completed within it. */
    static Window measure(Function<Integer, CompletionStage<Boolean>> start, int inFlight, Duration window)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long begin = System.nanoTime();
        long end = begin + window.toNanos();
        while (System.nanoTime() < end) {
            if (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long started = System.nanoTime();
            start.apply(0).whenComplete((ok, error) -> {
                long done = System.nanoTime();
                if (ok != null && ok && done <= end) {
                    latencies.add((done - started) / 1e6);
                } else if (ok == null || !ok) {
                    failed.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.tryAcquire(inFlight, 60, TimeUnit.SECONDS);   // let the last ones finish before the next window
        double seconds = window.toNanos() / 1e9;
        return new Window(latencies.size() / seconds, new Latencies(List.copyOf(latencies)), failed.get());
    }
}
