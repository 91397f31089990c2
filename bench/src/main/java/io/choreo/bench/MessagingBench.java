package io.choreo.bench;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryCapabilities;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In one JVM: 1,000 round trips of raw typed ping-pong against a session running
 * {@code loop (count: 1000) { A -> B: Ping; B -> A: Pong; }}, plain and with annotations on every Ping; and a raw
 * spawn-and-reply against starting and finishing a one-message session.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessagingBench {
    ActorSystem<Sessions.Start> system;
    ActorRef<Fixtures.Raw> ponger;
    CompiledProtocol pingPong;
    CompiledProtocol annotated;
    CompiledProtocol hello;

    @Setup
    public void setup() {
        system = ActorSystem.create(Sessions.manager(), "bench", Fixtures.QUIET.withFallback(
                com.typesafe.config.ConfigFactory.load()));
        ponger = system.systemActorOf(Fixtures.ponger(), "ponger", Props.empty());
        pingPong = Fixtures.compile(Fixtures.PING_PONG);
        annotated = Fixtures.compile(Fixtures.ANNOTATED);
        hello = Fixtures.compile(Fixtures.HELLO);
    }

    @TearDown
    public void tearDown() {
        system.terminate();
    }

    @Benchmark
    public void rawPingPong() throws Exception {
        Fixtures.rawPingPong(system, ponger, Fixtures.ROUNDS);
    }

    @Benchmark
    public Object sessionPingPong() throws Exception {
        return Fixtures.runSession(system, SessionSpec.of(pingPong));
    }

    @Benchmark
    public Object sessionAnnotatedPingPong() throws Exception {
        return Fixtures.runSession(system, SessionSpec.of(annotated).withExtensions(Extensions.defaults()
                .withCapabilities(new InMemoryCapabilities().grant("A", "send"))
                .withBudget(InMemoryFlowBudget.perParticipant(Long.MAX_VALUE))));
    }

    @Benchmark
    public void rawSpawn() throws Exception {
        Fixtures.rawPingPong(system, ponger, 1);
    }

    @Benchmark
    public Object sessionStart() throws Exception {
        return Fixtures.runSession(system, SessionSpec.of(hello));
    }
}
