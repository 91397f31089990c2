package io.choreo.bench;

import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable sessions at scale: {@value #SESSIONS} durable sessions of {@value #ROUNDS} ping-pong round trips started
 * at once and all awaited, against {@value #SESSIONS} bare {@code EventSourcedBehavior} pairs ({@link RawDurable})
 * exchanging the same messages on the same journal, on H2 and on PostgreSQL. One operation is the whole batch
 * ({@link BenchMain} prints it as sessions per second); every operation starts on an empty journal.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 15)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DurableScaleBench {
    /** Sessions (and raw pairs) in flight at once. */
    public static final int SESSIONS = 1000;
    /** Round trips per session. */
    public static final int ROUNDS = 3;

    /**
     * The journal's circuit breakers wait 60 s for a call instead of 10 s, on both sides: on a machine of 2 cores
     * shared with other loads, a burst of 2,000-3,000 recoveries has had single journal calls over 10 s, and an open
     * breaker fails every session (or raw pair) at once; the benchmark measures throughput, not that cliff.
     */
    static final com.typesafe.config.Config PATIENT = com.typesafe.config.ConfigFactory.parseString("""
            jdbc-journal.circuit-breaker.call-timeout = 60s
            jdbc-snapshot-store.circuit-breaker.call-timeout = 60s
            """);

    /** The journal: "h2" (a file) or "postgres" ({@link BenchJournal}; {@link BenchMain} skips it if absent). */
    @Param({"h2", "postgres"})
    public String db;

    ActorSystem<Sessions.Start> system;
    CompiledProtocol pingPong;
    Path dir;

    @Setup
    public void setup() throws Exception {
        dir = Files.createTempDirectory("choreo-bench-scale");
        system = ActorSystem.create(Sessions.manager(), "durable-scale", BenchJournal.config(db, dir)
                .withFallback(PATIENT).withFallback(Fixtures.QUIET)
                .withFallback(com.typesafe.config.ConfigFactory.load()));
        BenchJournal.create(db, system);
        pingPong = Fixtures.compile("choreography ScalePingPong { roles: A, B; loop (count: " + ROUNDS
                + ") { A -> B: Ping; B -> A: Pong; } }");
    }

    @Setup(Level.Iteration)
    public void emptyJournal() throws Exception {
        Thread.sleep(300);   // the last sessions' log records are still being written
        BenchJournal.empty(db, system);
    }

    /** With {@code CHOREO_BENCH_ROWS=1}: the journal rows the operation wrote, by writer. */
    @TearDown(Level.Iteration)
    public void countRows() throws Exception {
        if (System.getenv("CHOREO_BENCH_ROWS") != null) {
            Thread.sleep(1000);
            try {
                System.out.println("\njournal rows after the operation: " + BenchJournal.rows(system));
            } catch (java.sql.SQLException e) {
                System.out.println("\njournal rows not counted: " + e.getMessage());
            }
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        BenchJournal.close(system, dir);
    }

    @Benchmark
    public int rawDurableAtScale() throws Exception {
        String run = UUID.randomUUID().toString();
        List<CompletableFuture<Fixtures.Finished>> all = new ArrayList<>(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            all.add(RawDurable.run(system, "raw-" + run + "-" + i, ROUNDS).toCompletableFuture());
        }
        for (CompletableFuture<Fixtures.Finished> f : all) {
            f.get(120, TimeUnit.SECONDS);
        }
        return all.size();
    }

    @Benchmark
    public int durableSessionsAtScale() throws Exception {
        String run = UUID.randomUUID().toString();
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(pingPong)).withTimeout(Duration.ofSeconds(120));
        List<CompletableFuture<SessionOutcome>> all = new ArrayList<>(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            all.add(Sessions.run(system, spec.withSessionId("d-" + run + "-" + i), system).toCompletableFuture());
        }
        for (CompletableFuture<SessionOutcome> f : all) {
            Fixtures.await(f);
        }
        return all.size();
    }
}
