package io.choreo.bench;

import io.choreo.runtime.program.Program;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Heap per idle session: {@value #SESSIONS} sessions whose three roles all wait for a message (each receives first),
 * measured as the growth of the used heap after full GCs, divided by the number of sessions. The session actor, its
 * three role actors, their mailboxes and state all count.
 */
final class IdleSessionMemory {
    static final int SESSIONS = 10_000;

    private IdleSessionMemory() {
    }

    static long bytesPerSession() throws Exception {
        ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), "memory", Fixtures.QUIET
                .withFallback(com.typesafe.config.ConfigFactory.load()));
        try {
            SessionSpec spec = SessionSpec.ofPrograms("Idle", Map.of(
                    "A", Program.start().recv("B", "X"),
                    "B", Program.start().recv("C", "Y"),
                    "C", Program.start().recv("A", "Z"))).withTimeout(Duration.ofMinutes(10));
            Sessions.run(system, spec.withSessionId("warm"), system);
            Thread.sleep(500);
            long before = usedAfterGc();
            for (int i = 0; i < SESSIONS; i++) {
                Sessions.run(system, spec.withSessionId("idle-" + i), system);
            }
            long after = settledUse();
            return (after - before) / SESSIONS;
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    /** The used heap once it stops growing (every session has spawned its roles). */
    private static long settledUse() throws InterruptedException {
        long last = usedAfterGc();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            long now = usedAfterGc();
            if (Math.abs(now - last) < last / 200) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws Exception {
        System.out.println(bytesPerSession() + " bytes per idle session");
    }
}
