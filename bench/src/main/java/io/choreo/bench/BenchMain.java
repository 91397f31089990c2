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
 * (one 1 s warm-up iteration instead of each benchmark's {@code @Warmup}).
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
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1));
        }   // else each benchmark's own @Warmup: 5 × 2 s, the durable pair 15 × 2 s
        java.util.Optional<String> noPostgres = BenchJournal.postgresUnavailable();
        if (noPostgres.isPresent()) {
            options.param("db", "h2");
            System.out.println("durable rows on PostgreSQL: skipped (" + noPostgres.get() + ")");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (RunResult r : results) {
            String params = r.getParams().getParamsKeys().isEmpty() ? "" : r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).reduce((a, b) -> a + "," + b)
                    .map(p -> "[" + p + "]").orElse("");
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "") + params;
            scores.put(name, r.getPrimaryResult().getScore());
            errors.put(name, r.getPrimaryResult().getScoreError());
        }
        System.out.println("\n| benchmark | µs/op | ± | ratio to raw Pekko |");
        System.out.println("|---|---:|---:|---:|");
        for (var e : scores.entrySet()) {
            System.out.printf("| %s | %.1f | %.1f | %s |%n", e.getKey(), e.getValue(), errors.get(e.getKey()),
                    ratio(e.getKey(), scores));
        }
        DurableScaleRows.print(scores, errors);
        noPostgres.ifPresent(why -> System.out.println("durable rows on PostgreSQL: skipped (" + why + ")"));
        String include = args.length > 0 ? args[0] : "";
        if (include.isEmpty() || "idleSessionMemory".matches(".*" + include + ".*")) {
            System.out.printf("| idleSessionMemory (3 roles waiting, %,d sessions) | %,d bytes per session | | |%n",
                    IdleSessionMemory.SESSIONS, IdleSessionMemory.bytesPerSession());
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
