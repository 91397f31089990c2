package io.choreo.bench;

import io.choreo.persistence.config.JournalDatabase;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable ping-pong on one H2 journal: a durable session of {@link #rounds} round trips against a bare
 * {@code EventSourcedBehavior} pair persisting one event per message.
 *
 * <p>Both run on the same terms: every iteration starts on an empty journal (H2's write cost grows with its tables,
 * and the two benchmarks fill them at different speeds), and both warm up for 30 s (the durable path is more code
 * for the JIT to compile; with 5 warm-up iterations it was still getting faster when measured).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 15, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DurableBench {
    /**
     * Round trips per session: 50 (a short session, whose start and end weigh), and 1,000 like
     * {@code sessionPingPong} (the cost per message).
     */
    @Param({"50", "1000"})
    public int rounds;

    ActorSystem<Sessions.Start> system;
    CompiledProtocol pingPong;
    Path dir;

    @Setup
    public void setup() throws Exception {
        dir = Files.createTempDirectory("choreo-bench-journal");
        system = ActorSystem.create(Sessions.manager(), "durable", JournalDatabase.h2(dir.resolve("journal"))
                .withFallback(Fixtures.QUIET).withFallback(com.typesafe.config.ConfigFactory.load()));
        JournalDatabase.createSchema(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
        pingPong = Fixtures.compile("choreography DurablePingPong { roles: A, B; loop (count: " + rounds
                + ") { A -> B: Ping; B -> A: Pong; } }");
    }

    /** An empty journal for every iteration, made by pekko-persistence-jdbc's own schema tools. */
    @Setup(Level.Iteration)
    public void emptyJournal() throws Exception {
        Thread.sleep(300);   // the last session's log record is still being written
        BenchJournal.empty("h2", system);
    }

    @TearDown
    public void tearDown() throws Exception {
        BenchJournal.close(system, dir);
    }

    @Benchmark
    public Object rawDurablePingPong() throws Exception {
        return RawDurable.run(system, "raw-" + UUID.randomUUID(), rounds).toCompletableFuture()
                .get(120, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object durableSessionPingPong() throws Exception {
        return Fixtures.runSession(system, DurableSessions.durable(SessionSpec.of(pingPong))
                .withSessionId("durable-" + UUID.randomUUID()));
    }
}
