package io.choreo.bench;

import io.choreo.runtime.observe.SessionListener;
import io.choreo.runtime.observe.SessionListeners;
import io.choreo.runtime.program.Program;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Heap per idle session: {@value #SESSIONS} sessions whose three roles all wait for a message (each receives first),
 * in a JVM of its own with {@value #HEAP} of heap, against the raw baseline of as many parents with three idle
 * children (plain typed actors that know each other's refs) in another such JVM. The figure is the growth of the
 * used heap after full GCs, divided by the number of sessions: the session actor, its three role actors, their
 * mailboxes, timers and state all count. Run alone: {@code java -Xmx4g -cp ... io.choreo.bench.IdleSessionMemory
 * choreo|raw [sessions]}.
 */
final class IdleSessionMemory {
    static final int SESSIONS = 1_000_000;
    static final String HEAP = "-Xmx4g";
    private static final String RESULT = "bytes per idle session: ";

    private IdleSessionMemory() {
    }

    /** Bytes per idle session of choreo and of raw Pekko, each measured in a forked JVM. */
    record Result(int sessions, long choreo, long raw) {
        double ratio() {
            return (double) choreo / raw;
        }
    }

    /** Forks one JVM per side and returns both figures; a side that fails (an OOM) throws. */
    static Result measure(int sessions) throws Exception {
        return new Result(sessions, fork("choreo", sessions), fork("raw", sessions));
    }

    private static long fork(String side, int sessions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+UseG1GC", "-cp",
                System.getProperty("java.class.path"), IdleSessionMemory.class.getName(), side,
                Integer.toString(sessions)));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long bytes = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.err.println("[idle " + side + "] " + line);
                if (line.startsWith(RESULT)) {
                    bytes = Long.parseLong(line.substring(RESULT.length()).trim());
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || bytes < 0) {
            throw new IllegalStateException("the " + side + " idle-session JVM exited with " + exit
                    + " without a figure (out of memory?)");
        }
        return bytes;
    }

    // ------------------------------------------------------------------ the measured side (in the forked JVM)

    public static void main(String[] args) throws Exception {
        String side = args.length > 0 ? args[0] : "choreo";
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : SESSIONS;
        try {
            long bytes = switch (side) {
                case "choreo" -> choreo(sessions);
                case "raw" -> raw(sessions);
                default -> throw new IllegalArgumentException("choreo or raw, not " + side);
            };
            System.out.println(RESULT + bytes);
            System.out.flush();
            hold();
            Runtime.getRuntime().halt(0);   // stopping millions of actors would only take time
        } catch (Throwable t) {
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
    }

    /** Idle choreo sessions, started by telling the session manager (no ask per session). */
    private static long choreo(int sessions) throws Exception {
        ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), "memory", Fixtures.QUIET
                .withFallback(com.typesafe.config.ConfigFactory.load()));
        try {
            SessionSpec spec = SessionSpec.ofPrograms("Idle", Map.of(
                    "A", Program.start().recv("B", "X"),
                    "B", Program.start().recv("C", "Y"),
                    "C", Program.start().recv("A", "Z"))).withTimeout(Duration.ofHours(1));
            AtomicInteger started = new AtomicInteger();
            SessionListeners.get(system).add(new SessionListener() {
                @Override
                public void started(SessionSpec s, Map<String, io.choreo.projection.local.Participants.Participant>
                        participants, Instant at) {
                    started.incrementAndGet();
                }
            });
            ActorRef<io.choreo.runtime.session.SessionOutcome> sink = system.ignoreRef();
            system.tell(new Sessions.Start(spec.withSessionId("warm"), sink));
            awaitCount(started, 1);
            long before = usedAfterGc();
            for (int i = 0; i < sessions; i++) {
                system.tell(new Sessions.Start(spec.withSessionId(Integer.toString(i)), sink));
                if (i % 10_000 == 0) {
                    awaitCount(started, i - 50_000);   // bounds the manager's backlog
                }
            }
            awaitCount(started, sessions + 1);
            return (settledUse() - before) / sessions;
        } catch (RuntimeException | Error e) {
            system.terminate();
            throw e;
        }
    }

    /** The raw baseline: a parent per session spawns three named children and tells each the others' refs. */
    private static long raw(int sessions) throws Exception {
        AtomicInteger ready = new AtomicInteger();
        ActorSystem<Integer> system = ActorSystem.create(Behaviors.receive((ctx, i) -> {
            ctx.spawn(rawParent(ready), "p" + i);
            return Behaviors.same();
        }), "memory", Fixtures.QUIET.withFallback(com.typesafe.config.ConfigFactory.load()));
        try {
            system.tell(-1);
            awaitCount(ready, 3);
            long before = usedAfterGc();
            for (int i = 0; i < sessions; i++) {
                system.tell(i);
                if (i % 10_000 == 0) {
                    awaitCount(ready, 3 * (i - 50_000));
                }
            }
            awaitCount(ready, 3 * (sessions + 1));
            return (settledUse() - before) / sessions;
        } catch (RuntimeException | Error e) {
            system.terminate();
            throw e;
        }
    }

    private record Peers(Map<String, ActorRef<Peers>> refs) {
    }

    private static Behavior<Void> rawParent(AtomicInteger ready) {
        return Behaviors.setup(ctx -> {
            Map<String, ActorRef<Peers>> refs = Map.of("A", ctx.spawn(rawChild(ready), "A"),
                    "B", ctx.spawn(rawChild(ready), "B"), "C", ctx.spawn(rawChild(ready), "C"));
            Peers peers = new Peers(refs);
            refs.values().forEach(r -> r.tell(peers));
            return Behaviors.receive((c, m) -> Behaviors.same());
        });
    }

    private static Behavior<Peers> rawChild(AtomicInteger ready) {
        return Behaviors.receive((ctx, peers) -> {
            ready.incrementAndGet();
            return Behaviors.receive((c, m) -> peers.refs().isEmpty() ? Behaviors.stopped() : Behaviors.same());
        });
    }

    private static void awaitCount(AtomicInteger count, int atLeast) throws InterruptedException {
        while (count.get() < atLeast) {
            Thread.sleep(5);
        }
    }

    /** With {@code -Dhold=true} the JVM waits (for a heap histogram) until stdin closes or a line arrives. */
    private static void hold() throws java.io.IOException {
        if (Boolean.getBoolean("hold")) {
            System.out.println("holding, pid " + ProcessHandle.current().pid());
            System.in.read();
        }
    }

    /** The used heap once it stops shrinking (messages in flight and garbage gone). */
    private static long settledUse() throws InterruptedException {
        long last = usedAfterGc();
        for (int i = 0; i < 10; i++) {
            Thread.sleep(500);
            long now = usedAfterGc();
            if (Math.abs(now - last) < last / 200) {
                return Math.min(now, last);
            }
            last = now;
        }
        return last;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
