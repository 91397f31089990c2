package io.choreo.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.ParallelTasks;
import io.choreo.dsl.TestCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer of the test suite: seeded mutants of {@code examples/} and {@code ../shared/corpus} (see
 * {@link Mutator}) through every public entry point ({@link FrontEndPipeline}). Each mutant must end with
 * diagnostics or a verdict within its deadline, and nothing may be thrown. A failure prints the seed of the mutant
 * and its text; {@code -Dchoreo.fuzz.seed=S -Dchoreo.fuzz.mutants=1} replays it.
 *
 * <p>Sizes: {@code -Dchoreo.fuzz.mutants} (default 20,000), {@code -Dchoreo.fuzz.seed} (default 22),
 * {@code -Dchoreo.fuzz.deadline-ms} (CPU time of the pipeline per mutant, default 2000; the session run's threads
 * are not counted, its own 300 ms timeout bounds it), {@code -Dchoreo.fuzz.hang-ms} (real time per mutant, default
 * 10000), {@code -Dchoreo.fuzz.lanes} (mutants at once, default one per core). {@code scripts/fuzz.sh} runs a
 * million ({@code scripts/fuzz.sh 1 SEED} replays one).
 */
class FrontEndFuzzTest {
    private static final int MUTANTS = Integer.getInteger("choreo.fuzz.mutants", 20_000);
    private static final long SEED = Long.getLong("choreo.fuzz.seed", 22);
    private static final long DEADLINE_MS = Long.getLong("choreo.fuzz.deadline-ms", 2_000);
    private static final long HANG_MS = Long.getLong("choreo.fuzz.hang-ms", 10_000);
    private static final int MAX_REPORTED = 10;
    /** Mutants checked at once, each lane on its own worker thread (the pipeline shares nothing but the kit). */
    private static final int LANES = Integer.getInteger("choreo.fuzz.lanes", ParallelTasks.cores());

    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("fuzz");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void everyMutantEndsWithDiagnosticsOrAVerdictInTime() throws Exception {
        List<String> seeds = new ArrayList<>();
        TestCorpus.allFiles().map(Path::toString).sorted().forEach(seeds::add);
        List<String> texts = seeds.stream().map(p -> TestCorpus.read(Path.of(p))).toList();
        assertTrue(texts.size() >= 10, "corpus: " + seeds);
        FrontEndPipeline pipeline = new FrontEndPipeline(kit);
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<java.util.concurrent.Callable<Map<String, Integer>>> lanes = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            lanes.add(new Lane(lane, pipeline, seeds, texts, failures)::run);
        }
        Map<String, Integer> verdicts = new TreeMap<>();
        ParallelTasks.all(lanes, LANES).forEach(mine -> mine.forEach((k, v) -> verdicts.merge(k, v, Integer::sum)));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("fuzz: " + MUTANTS + " mutants from seed " + SEED + " in " + millis + " ms (" + LANES
                + " lanes): " + verdicts);
        assertTrue(failures.isEmpty(), failures.size() + " mutant(s) failed (first " + MAX_REPORTED
                + " shown; replay with -Dchoreo.fuzz.seed=SEED -Dchoreo.fuzz.mutants=1):\n"
                + String.join("\n", failures.subList(0, Math.min(MAX_REPORTED, failures.size()))));
    }

    /** Every {@link #LANES}-th mutant from the {@code index}-th, one at a time on this lane's worker thread. */
    private static final class Lane {
        private final int index;
        private final FrontEndPipeline pipeline;
        private final List<String> seeds;
        private final List<String> texts;
        private final List<String> failures;
        private final java.util.concurrent.atomic.AtomicReference<Thread> thread =
                new java.util.concurrent.atomic.AtomicReference<>();

        Lane(int index, FrontEndPipeline pipeline, List<String> seeds, List<String> texts, List<String> failures) {
            this.index = index;
            this.pipeline = pipeline;
            this.seeds = seeds;
            this.texts = texts;
            this.failures = failures;
        }

        Map<String, Integer> run() throws Exception {
            Map<String, Integer> verdicts = new TreeMap<>();
            ExecutorService worker = worker();
            for (int i = index; i < MUTANTS && failures.size() < MAX_REPORTED; i += LANES) {
                long seed = SEED + i;
                int source = (int) Math.floorMod(seed, (long) texts.size());
                String mutant = Mutator.mutate(texts.get(source), seed);
                if (MUTANTS == 1) {
                    Path saved = Path.of("target", "fuzz-mutant-" + seed + ".choreo");
                    java.nio.file.Files.writeString(saved, mutant);
                    System.out.println("fuzz: mutant " + seed + " of " + seeds.get(source) + " saved to " + saved);
                }
                Future<String> result = worker.submit(() -> pipeline.apply(mutant));
                try {
                    verdicts.merge(await(result), 1, Integer::sum);
                } catch (TimeoutException e) {
                    Thread stuck = thread.get();
                    String where = stuck == null ? "" : stack(stuck.getStackTrace());
                    result.cancel(true);
                    worker.shutdownNow();
                    worker = worker();
                    failures.add(report(seed, seeds.get(source), "no verdict within " + DEADLINE_MS + " ms of CPU time"
                            + " (or " + HANG_MS + " ms); busy in" + where, mutant));
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(report(seed, seeds.get(source), stack(e.getCause()), mutant));
                }
            }
            worker.shutdownNow();
            return verdicts;
        }

        private ExecutorService worker() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fuzz-worker-" + index);
                t.setDaemon(true);
                thread.set(t);
                return t;
            });
        }

        /**
         * The verdict, or a timeout once the worker has used {@link #DEADLINE_MS} of CPU time on the mutant (so a
         * machine busy with other work does not fail the run) or {@link #HANG_MS} of real time (a hang).
         */
        private String await(Future<String> result) throws Exception {
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            long id = thread.get().getId();
            long cpuStart = cpu.getThreadCpuTime(id);
            long wallEnd = System.nanoTime() + HANG_MS * 1_000_000;
            while (true) {
                try {
                    return result.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException slice) {
                    long used = cpu.getThreadCpuTime(id) - cpuStart;
                    if (used > DEADLINE_MS * 1_000_000 || System.nanoTime() > wallEnd) {
                        throw slice;
                    }
                }
            }
        }
    }

    private static String report(long seed, String from, String what, String mutant) {
        String text = mutant.length() > 3000 ? mutant.substring(0, 3000) + "\n…(" + mutant.length() + " chars)"
                : mutant;
        return "--- seed " + seed + " (mutant of " + from + "): " + what + "\n" + text;
    }

    private static String stack(Throwable e) {
        return e + stack(e.getStackTrace());
    }

    private static String stack(StackTraceElement[] frames) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < frames.length; i++) {
            if (i < 8 || i >= frames.length - 12) {
                b.append("\n    at ").append(frames[i]);
            } else if (i == 8) {
                b.append("\n    ...");
            }
        }
        return b.toString();
    }
}
