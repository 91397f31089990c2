package io.choreo.bench;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryCapabilities;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import io.choreo.runtime.session.SessionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In one JVM: 1,000 round trips of raw typed ping-pong against a session running
 * {@code loop (count: 1000) { A -> B: Ping; B -> A: Pong; }}, plain and with annotations on every Ping; a raw
 * parent with two children exchanging one message against starting and finishing a one-message session; and
 * 10,000 negotiations in flight, as sessions and as raw actors.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MessagingBench {
    ActorSystem<Sessions.Start> system;
    ActorRef<Fixtures.Raw> ponger;
    CompiledProtocol pingPong;
    CompiledProtocol annotated;
    CompiledProtocol hello;
    CompiledProtocol negotiation;
    ActorRef<RawSessions.Msg> rawManager;

    @Setup
    public void setup() {
        system = ActorSystem.create(Sessions.manager(), "bench", Fixtures.QUIET.withFallback(
                com.typesafe.config.ConfigFactory.load()));
        ponger = system.systemActorOf(Fixtures.ponger(), "ponger", Props.empty());
        pingPong = Fixtures.compile(Fixtures.PING_PONG);
        annotated = Fixtures.compile(Fixtures.ANNOTATED);
        hello = Fixtures.compile(Fixtures.HELLO);
        negotiation = Fixtures.compile(Fixtures.NEGOTIATION);
        rawManager = system.systemActorOf(RawSessions.manager(), "raw-sessions", Props.empty());
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

    /** The fair baseline of {@link #sessionStart}: a parent spawned, two children, one message, a reply. */
    @Benchmark
    public Object rawSessionStart() throws Exception {
        return RawSessions.run(system, rawManager, 1).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object sessionStart() throws Exception {
        return Fixtures.runSession(system, SessionSpec.of(hello));
    }

    /**
     * {@value Fixtures#IN_FLIGHT} negotiation sessions started at once, then all awaited. Both sides of this pair
     * warm up for 30 s, not 10: on a quiet machine the sessions still got faster through the fifth warm-up and the
     * measured iterations (1,080 ms, then 432, 416, 166, 141, then 79 … 54 ms), while the raw side was steady by its
     * first measured one; the first operations' 10,000 sessions each are mostly JIT compilation of the longer path.
     */
    @Benchmark
    @Warmup(iterations = 15, time = 2)
    public int concurrentSessions() throws Exception {
        List<CompletableFuture<SessionOutcome>> all = new ArrayList<>(Fixtures.IN_FLIGHT);
        SessionSpec spec = SessionSpec.of(negotiation).withTimeout(Duration.ofSeconds(120));
        for (int i = 0; i < Fixtures.IN_FLIGHT; i++) {
            all.add(Sessions.run(system, spec.withSessionId("c" + i), system).toCompletableFuture());
        }
        for (CompletableFuture<SessionOutcome> f : all) {
            Fixtures.await(f);
        }
        return all.size();
    }

    /** The same exchange ({@code Offer}, {@code Accept}) with raw actors, {@value Fixtures#IN_FLIGHT} at once. */
    @Benchmark
    @Warmup(iterations = 15, time = 2)
    public int rawConcurrentSessions() throws Exception {
        List<CompletableFuture<Fixtures.Finished>> all = new ArrayList<>(Fixtures.IN_FLIGHT);
        for (int i = 0; i < Fixtures.IN_FLIGHT; i++) {
            all.add(RawSessions.run(system, rawManager, 2).toCompletableFuture());
        }
        for (CompletableFuture<Fixtures.Finished> f : all) {
            f.get(120, TimeUnit.SECONDS);
        }
        return all.size();
    }
}
