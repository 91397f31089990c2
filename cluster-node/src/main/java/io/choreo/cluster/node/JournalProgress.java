package io.choreo.cluster.node;

import io.choreo.persistence.audit.AuditQuery;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Prints a running session's messages as the journal records them (read once a second), so an operator sees a long
 * session move, whichever nodes its participants and its coordinator run on, and across failovers.
 */
final class JournalProgress implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(1);

    private final AuditQuery audit;
    private final String sessionId;
    private final PrintWriter out;
    private final Cancellable task;
    private int printed;

    JournalProgress(ActorSystem<?> system, String sessionId, PrintWriter out) {
        this.audit = new AuditQuery(system);
        this.sessionId = sessionId;
        this.out = out;
        this.task = system.scheduler().scheduleWithFixedDelay(EVERY, EVERY, this::poll, system.executionContext());
    }

    private void poll() {
        try {
            print(audit.session(sessionId).toCompletableFuture().get(5, TimeUnit.SECONDS).received());
        } catch (Exception e) {
            // the journal is busy or unreachable for a moment: try again at the next tick
        }
    }

    private synchronized void print(List<AuditQuery.Message> consumed) {
        for (int i = printed; i < consumed.size(); i++) {
            out.printf("  %3d. %s%n", i + 1, consumed.get(i));
        }
        printed = Math.max(printed, consumed.size());
        out.flush();
    }

    /** Stops polling after printing what the journal holds now; returns the number of messages consumed. */
    int finish() {
        task.cancel();
        // a read journal shows events by tag only once it is sure no earlier ordering is still being written (on
        // PostgreSQL it waits out gaps in the ordering), so the last events may show a little later: read again
        // until two reads agree and show something, for at most FINISH_WAIT
        long deadline = System.nanoTime() + FINISH_WAIT.toNanos();
        int before = -1;
        poll();
        while ((printed == 0 || printed != before) && System.nanoTime() < deadline) {
            before = printed;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            poll();
        }
        return printed;
    }

    /** How long {@link #finish} waits for the journal to show the session's last messages. */
    static final java.time.Duration FINISH_WAIT = java.time.Duration.ofSeconds(15);

    @Override
    public void close() {
        task.cancel();
    }
}
