package io.choreo.persistence.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.TimedCommit;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.TraceEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/**
 * A durable participant keeps its deadline across SIGKILL: a {@link DeadlineChild} JVM runs a two-phase commit
 * until the coordinator waits for the second vote under a 6 s deadline, is killed with SIGKILL
 * ({@code destroyForcibly}), and this JVM resumes the session from the same H2 file journal after the deadline
 * passed: the coordinator times out at once (the deadline is an absolute instant in its journal, not restarted: the
 * resumed handler would give ten minutes), consumes the late vote and aborts.
 */
@org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "choreo.kill-tests", matches = "false")
class DurableDeadlineKillTest {

    @Test
    void theDeadlineFiresAfterAKillAndResume() throws Exception {
        Path journal = Files.createTempDirectory("choreo-deadline").resolve("journal");
        String sessionId = "deadline-" + System.nanoTime();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, DeadlineChild.class.getName(), journal.toString(), sessionId)
                .redirectErrorStream(true).start();
        long waitingAt;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> out.lines()
                    .filter(line -> line.equals("WAITING") || line.equals("TIMEDOUT")).findFirst().orElse("exit"));
            assertEquals("WAITING", first.get(90, TimeUnit.SECONDS),
                    "the child reached the timed wait (a busy machine may need a longer deadline)");
            waitingAt = System.currentTimeMillis();
            Thread.sleep(DeadlineChild.FLUSH_MS);   // still within the deadline
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        long pastDeadline = waitingAt + DeadlineChild.DEADLINE_MS - System.currentTimeMillis();
        if (pastDeadline > 0) {
            Thread.sleep(pastDeadline);   // resume only once the recorded deadline has passed
        }

        ActorTestKit resumed = ActorTestKit.create("deadline-resumed", DeadlineChild.config(journal));
        try {
            // were the deadline armed afresh on resume, this handler's ten minutes would outlast the session
            TimedCommit.Coordinator coordinator = new TimedCommit.Coordinator(600_000L);
            SessionOutcome.SessionCompleted done = RuntimeTestSupport.completed(RuntimeTestSupport.run(resumed,
                    DeadlineChild.spec(sessionId, coordinator, coordinator.timedOut)));
            @SuppressWarnings("unchecked")
            List<String> events = (List<String>) done.results().get("Coordinator");
            assertEquals(List.of("P[0]?Vote", "timeout", "P[1]?Vote", "P[0]?Ack", "P[1]?Ack"), events);
            assertEquals(Duration.ofMillis(DeadlineChild.DEADLINE_MS), coordinator.timedOut.join().duration(),
                    "the deadline came from the journal");
            List<String> trace = done.trace().stream().map(TraceEvent::toString).toList();
            assertTrue(trace.contains(TimedCommit.TIMEOUT_EVENT), trace::toString);
            assertTrue(trace.stream().noneMatch(t -> t.contains("Commit")), trace::toString);
            assertEquals(List.of("timeout"), new io.choreo.persistence.audit.AuditQuery(resumed.system())
                    .session(sessionId).toCompletableFuture().get(30, TimeUnit.SECONDS).decisions().get("Coordinator"),
                    "the audit (and the console) shows the timeout");
        } finally {
            resumed.shutdownTestKit();
        }
    }
}
