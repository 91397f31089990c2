package io.choreo.bench;

import io.choreo.bench.cluster.Latencies;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DurableScaleBench} measured as interleaved pairs in one JVM: each pair runs a batch of
 * {@value DurableScaleBench#SESSIONS} durable sessions and a batch of as many raw pairs, on an emptied journal each,
 * in alternating order (choreo first in odd pairs, raw first in even ones), so drift of the machine, the JIT, the
 * heap or the database file falls on both sides alike. JMH's single-shot forks run one side's iterations after the
 * other's, so their ratio carries that drift (the same commit gave 0.54 and 0.86 an hour apart). Prints each pair's
 * ratio, then the median (nearest rank) of sessions per second of each side and the median, minimum and maximum
 * of the ratios.
 * {@code -Dchoreo.bench.pairs} measured pairs (default 15) after {@code -Dchoreo.bench.warmup} (default 15); the
 * journal is {@code -Dchoreo.bench.db} ({@code h2} by default, or {@code postgres}: {@link BenchJournal}).
 */
public final class DurablePairs {
    private DurablePairs() {
    }

    /** One pair: seconds of each batch. */
    record Pair(double choreo, double raw) {
        double ratio() {
            return raw / choreo;   // sessions per second of choreo over raw's
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("choreo.bench.warmup", Boolean.getBoolean("quick") ? 2 : 15);
        int pairs = Integer.getInteger("choreo.bench.pairs", Boolean.getBoolean("quick") ? 3 : 15);
        List<String> dbs = args.length > 0 ? List.of(args) : List.of(System.getProperty("choreo.bench.db", "h2"));
        StringBuilder summary = new StringBuilder();
        for (String db : dbs) {
            java.util.Optional<String> unavailable = db.equals("postgres") ? BenchJournal.postgresUnavailable()
                    : java.util.Optional.empty();
            if (unavailable.isPresent()) {
                System.out.println("postgres: skipped (" + unavailable.get() + ")");
                continue;
            }
            List<Pair> measured = run(db, warmup, pairs);
            summary.append(row(db, measured));
        }
        System.out.printf("%n| %,d durable sessions at once, interleaved pairs | choreo sessions/s (median) |"
                + " raw pairs/s (median) | ratio: median (min–max) |%n|---|---:|---:|---:|%n%s",
                DurableScaleBench.SESSIONS, summary);
        System.exit(0);
    }

    /** Runs {@code warmup} pairs, then {@code pairs} measured ones (printed as they go), on {@code db}. */
    static List<Pair> run(String db, int warmup, int pairs) throws Exception {
        DurableScaleBench bench = new DurableScaleBench();
        bench.db = db;
        bench.setup();
        List<Pair> measured = new ArrayList<>();
        try {
            System.out.println("| " + db + " pair | choreo s | raw s | ratio |");
            System.out.println("|---:|---:|---:|---:|");
            for (int i = 1; i <= warmup + pairs; i++) {
                double choreo;
                double raw;
                if (i % 2 == 1) {
                    choreo = batch(bench, true);
                    raw = batch(bench, false);
                } else {
                    raw = batch(bench, false);
                    choreo = batch(bench, true);
                }
                Pair pair = new Pair(choreo, raw);
                boolean warming = i <= warmup;
                System.out.printf("| %s%d | %.3f | %.3f | %.2f |%n", warming ? "warm-up " : "", warming ? i
                        : i - warmup, choreo, raw, pair.ratio());
                if (!warming) {
                    measured.add(pair);
                }
            }
        } finally {
            bench.tearDown();
        }
        return measured;
    }

    /** Seconds of one batch on an emptied journal. */
    private static double batch(DurableScaleBench bench, boolean choreo) throws Exception {
        bench.emptyJournal();
        long start = System.nanoTime();
        if (choreo) {
            bench.durableSessionsAtScale();
        } else {
            bench.rawDurableAtScale();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The summary row of {@code measured}: median sessions/s of each side, median (min–max) of the ratios. */
    static String row(String db, List<Pair> measured) {
        Latencies ratios = new Latencies(measured.stream().map(Pair::ratio).toList());
        double choreo = new Latencies(measured.stream().map(p -> DurableScaleBench.SESSIONS / p.choreo()).toList())
                .percentile(50);
        double raw = new Latencies(measured.stream().map(p -> DurableScaleBench.SESSIONS / p.raw()).toList())
                .percentile(50);
        return String.format("| %s (%d pairs) | %,.0f | %,.0f | %.2f (%.2f–%.2f) |%n", db, measured.size(), choreo,
                raw, ratios.percentile(50), ratios.min(), ratios.max());
    }
}
