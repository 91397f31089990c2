package io.choreo.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark with JMH and prints each choreo figure as a ratio to its raw-Pekko baseline from the same
 * run, as a Markdown table. Arguments: an optional JMH include pattern; {@code -Dquick=true} for a short run
 * (one 1 s warm-up iteration instead of each benchmark's {@code @Warmup}); {@code -Dprof=gc} (or any JMH profiler
 * name, comma-separated) adds JMH profilers, e.g. for the allocations per operation ({@code gc.alloc.rate.norm}).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.getBoolean("quick");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(args.length > 0 ? args[0] : "io.choreo.bench.*")
                .forks(1)
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend("-Xmx2g");
        for (String profiler : System.getProperty("prof", "").split(",")) {
            if (!profiler.isBlank()) {
                options.addProfiler(profiler.strip());
            }
        }
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1));
        }   // else each benchmark's own @Warmup: 5 × 2 s, the durable pair 15 × 2 s
        java.util.Optional<String> noPostgres = BenchJournal.postgresUnavailable();
        if (noPostgres.isPresent()) {
            options.param("db", "h2");
            System.out.println("durable rows on PostgreSQL: skipped (" + noPostgres.get() + ")");
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (org.openjdk.jmh.runner.NoBenchmarksException onlyTheIdleRow) {
            results = java.util.List.of();   // e.g. bench/run.sh idleSessionMemory: no JMH benchmark, the forked row
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        Map<String, Double> allocated = new LinkedHashMap<>();
        for (RunResult r : results) {
            String params = r.getParams().getParamsKeys().isEmpty() ? "" : r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).reduce((a, b) -> a + "," + b)
                    .map(p -> "[" + p + "]").orElse("");
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "") + params;
            scores.put(name, r.getPrimaryResult().getScore());
            errors.put(name, r.getPrimaryResult().getScoreError());
            r.getSecondaryResults().entrySet().stream().filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                    .findFirst().ifPresent(e -> allocated.put(name, e.getValue().getScore()));
        }
        boolean bytes = !allocated.isEmpty();
        System.out.println("\n| benchmark | µs/op | ± | ratio to raw Pekko |" + (bytes ? " bytes/op | ratio |" : ""));
        System.out.println("|---|---:|---:|---:|" + (bytes ? "---:|---:|" : ""));
        for (var e : scores.entrySet()) {
            System.out.printf("| %s | %.1f | %.1f | %s |%s%n", e.getKey(), e.getValue(), errors.get(e.getKey()),
                    ratio(e.getKey(), scores), bytes ? String.format(" %,.0f | %s |",
                            allocated.getOrDefault(e.getKey(), Double.NaN), ratio(e.getKey(), allocated)) : "");
        }
        DurableScaleRows.print(scores, errors);
        noPostgres.ifPresent(why -> System.out.println("durable rows on PostgreSQL: skipped (" + why + ")"));
        String include = args.length > 0 ? args[0] : "";
        if (include.isEmpty() || "idleSessionMemory".matches(".*" + include + ".*")) {
            IdleSessionMemory.Result idle = IdleSessionMemory.measure(IdleSessionMemory.SESSIONS);
            System.out.printf("| idleSessionMemory (3 roles waiting, %,d sessions, %s) | %,d bytes per session"
                    + " | | %.2f× rawIdleSessionMemory |%n", idle.sessions(), IdleSessionMemory.HEAP, idle.choreo(),
                    idle.ratio());
            System.out.printf("| rawIdleSessionMemory (parent + 3 idle children, %,d, %s) | %,d bytes per session"
                    + " | | baseline |%n", idle.sessions(), IdleSessionMemory.HEAP, idle.raw());
        }
    }

    /** Pairs each choreo benchmark with its baseline (run with the same parameters). */
    private static String ratio(String name, Map<String, Double> scores) {
        Map<String, String> baselines = Map.of("sessionPingPong", "rawPingPong",
                "sessionAnnotatedPingPong", "rawPingPong", "sessionStart", "rawSessionStart",
                "sessionRemotePingPong", "rawRemotePingPong", "concurrentSessions", "rawConcurrentSessions",
                "durableSessionPingPong", "rawDurablePingPong",
                "durableSessionsAtScale", "rawDurableAtScale");
        int params = name.indexOf('[');
        String bench = params < 0 ? name : name.substring(0, params);
        String base = baselines.containsKey(bench) ? baselines.get(bench) + name.substring(bench.length()) : null;
        if (base != null && scores.containsKey(base)) {
            return String.format("%.2f× %s", scores.get(name) / scores.get(base), base);
        }
        if (name.startsWith("parseAndProject")) {
            String parse = name.replace("parseAndProject", "parse");
            return scores.containsKey(parse) ? String.format("%.2f× parse", scores.get(name) / scores.get(parse)) : "";
        }
        return name.startsWith("raw") ? "baseline" : "";
    }
}
