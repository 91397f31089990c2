package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.ParallelTasks;
import io.choreo.dsl.TestCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability under SIGKILL: {@code choreo run} JVMs on an H2 journal killed at seeded random instants ({@value #KILLS}
 * in all, shared by {@value #LOOPS} loops running at once, each on its own journal), some while a {@code choreo audit}
 * JVM reads the journal. After every kill the journal opens, each session completes when resumed with
 * {@code --session ID}, and its audit finds every message consumed exactly once.
 * Part of {@code mvn verify}; {@code -Dchoreo.kill-tests=false} skips it, {@code -Dchoreo.crash.seed=S} replays one.
 */
@DisabledIfSystemProperty(named = "choreo.kill-tests", matches = "false")
class JournalCrashLoopTest {
    static final int KILLS = 20;
    static final int ITERATIONS = 100;
    /** Crash loops at once (each on its own journal), sharing the {@value #KILLS} kills. */
    static final int LOOPS = 2;

    record Exit(int code, String output) {
    }

    /** A {@code choreo} JVM on the test classpath, its output in {@code log}. */
    static Process choreo(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ChoreoCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Exit await(Process p, Path log) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a choreo process ended: " + log);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertFalse(out.contains("orrupt") || out.contains("recovery tool"), "the journal is intact:\n" + out);
        return new Exit(p.exitValue(), out);
    }

    /** What one loop did: its sessions, kills, kills after a session had started, kills while a reader ran. */
    record Loop(Path journal, List<String> sessions, int kills, int midSession, int readsDuringKills) {
    }

    @Test
    void sessionsKilledAtRandomInstantsCompleteExactlyOnce(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("choreo.crash.seed", System.nanoTime());
        System.out.println("JournalCrashLoopTest seed " + seed + " (-Dchoreo.crash.seed=" + seed + " replays it)");
        // LOOPS loops at once, each on its own journal, share the kills: most of a step is waiting for its kill
        List<Callable<Loop>> tasks = new ArrayList<>();
        for (int i = 0; i < LOOPS; i++) {
            Path loopDir = Files.createDirectories(dir.resolve("loop-" + i));
            int kills = KILLS / LOOPS + (i < KILLS % LOOPS ? 1 : 0);
            Random random = new Random(seed + i);
            tasks.add(() -> loop(loopDir, random, kills));
        }
        List<Loop> loops = ParallelTasks.all(tasks, LOOPS, java.time.Duration.ofMinutes(15));
        System.out.println("JournalCrashLoopTest: " + loops.stream().mapToInt(Loop::kills).sum() + " kills ("
                + loops.stream().mapToInt(Loop::midSession).sum() + " after the session started, "
                + loops.stream().mapToInt(Loop::readsDuringKills).sum() + " while a reader ran), "
                + loops.stream().mapToInt(l -> l.sessions().size()).sum() + " sessions, " + LOOPS + " journals");
        assertTrue(loops.stream().mapToInt(Loop::kills).sum() >= KILLS);
        for (Loop loop : loops) {
            auditAll(loop);
        }
    }

    /** Kills {@code target} runs of sessions on one journal at random instants, resuming each until it completes. */
    static Loop loop(Path dir, Random random, int target) throws Exception {
        String protocol = TestCorpus.examples().resolve("decision_loop.choreo").toString();
        String journal = dir.resolve("journal").toString();
        int kills = 0;
        int readsDuringKills = 0;
        int midSession = 0;
        int step = 0;
        List<String> sessions = new ArrayList<>();
        while (kills < target) {
            String session = "crash-" + sessions.size();
            sessions.add(session);
            int killsOfSession = 0;
            boolean completed = false;
            while (!completed) {
                Path runLog = dir.resolve("run-" + step++ + ".log");
                Process run = choreo(runLog, "run", protocol, "--iterations", String.valueOf(ITERATIONS),
                        "--journal", journal, "--session", session);
                boolean killIt = killsOfSession < 5 && kills < target;
                long killAfter = 500 + random.nextInt(6000);
                Process reader = null;
                Path readLog = dir.resolve("audit-" + step + ".log");
                long readerAfter = 0;
                if (killIt && random.nextBoolean()) {   // a reader starts while the run runs, before the kill
                    readerAfter = random.nextInt((int) killAfter);
                    Thread.sleep(readerAfter);
                    reader = choreo(readLog, "audit", session, "--journal", journal);
                }
                if (killIt && !run.waitFor(killAfter - readerAfter, TimeUnit.MILLISECONDS)) {
                    run.destroyForcibly();   // SIGKILL
                    run.waitFor(30, TimeUnit.SECONDS);
                    kills++;
                    killsOfSession++;
                    readsDuringKills += reader != null && reader.isAlive() ? 1 : 0;
                    midSession += await(run, runLog).output().contains("running DecisionLoop") ? 1 : 0;
                } else {
                    Exit r = await(run, runLog);
                    completed = r.code() == 0;
                    assertTrue(completed || r.output().contains("the journal is in use by another process"),
                            "a run completes, or is told a reader has the journal:\n" + r.output());
                }
                if (reader != null) {
                    Exit a = await(reader, readLog);
                    assertTrue(a.code() == 0 || a.output().contains("no events of session")
                                    || a.output().contains("there is no journal")
                                    || a.output().contains("the journal has no sessions yet")
                                    || a.output().contains("the journal is in use by another process"),
                            "a reader reads, or is told who has the journal:\n" + a.output());
                }
            }
        }
        return new Loop(dir.resolve("journal"), sessions, kills, midSession, readsDuringKills);
    }

    /** Every session of {@code loop} completed, each message consumed exactly once (readers at once). */
    static void auditAll(Loop loop) throws Exception {
        Path dir = loop.journal().getParent();
        List<String> sessions = loop.sessions();
        String journal = loop.journal().toString();
        List<Process> audits = new ArrayList<>();   // readers at once: each opens the journal read-only
        for (String session : sessions) {
            audits.add(choreo(dir.resolve("final-" + session + ".log"), "audit", session, "--journal", journal));
        }
        for (int i = 0; i < sessions.size(); i++) {
            Exit audit = await(audits.get(i), dir.resolve("final-" + sessions.get(i) + ".log"));
            assertEquals(0, audit.code(), audit.output());
            assertTrue(audit.output().contains("every message sent was consumed exactly once"), audit.output());
            assertEquals(ITERATIONS, audit.output().lines().filter(l -> l.equals("  Client -> Server: Request"))
                    .count(), "every iteration's request journaled once: " + audit.output());
        }
    }
}
