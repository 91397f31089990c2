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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Durable ping-pong on one H2 journal: a durable session of {@value #ROUNDS} round trips against a bare
 * {@code EventSourcedBehavior} pair persisting one event per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DurableBench {
    static final int ROUNDS = 50;

    ActorSystem<Sessions.Start> system;
    CompiledProtocol pingPong;
    Path dir;

    @Setup
    public void setup() throws Exception {
        dir = Files.createTempDirectory("choreo-bench-journal");
        system = ActorSystem.create(Sessions.manager(), "durable", JournalDatabase.h2(dir.resolve("journal"))
                .withFallback(Fixtures.QUIET).withFallback(com.typesafe.config.ConfigFactory.load()));
        JournalDatabase.createSchema(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
        pingPong = Fixtures.compile("choreography DurablePingPong { roles: A, B; loop (count: " + ROUNDS
                + ") { A -> B: Ping; B -> A: Pong; } }");
    }

    @TearDown
    public void tearDown() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object rawDurablePingPong() throws Exception {
        return RawDurable.run(system, "raw-" + UUID.randomUUID(), ROUNDS).toCompletableFuture()
                .get(120, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object durableSessionPingPong() throws Exception {
        return Fixtures.runSession(system, DurableSessions.durable(SessionSpec.of(pingPong))
                .withSessionId("durable-" + UUID.randomUUID()));
    }
}
