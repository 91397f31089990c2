package io.choreo.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import io.choreo.runtime.wire.CborSerializable;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** What the benchmarks share: protocols, raw-Pekko baselines, and running a session to its end. */
public final class Fixtures {
    private Fixtures() {
    }

    public static final int ROUNDS = 1000;

    static final Config QUIET = ConfigFactory.parseString("""
            pekko.loglevel = WARNING
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            """);

    static CompiledProtocol compile(String text) {
        Compiler.Compilation c = Compiler.compile("bench.choreo", text);
        if (c.hasErrors()) {
            throw new IllegalStateException(c.render());
        }
        return c.protocol(null);
    }

    static final String PING_PONG = "choreography PingPong { roles: A, B; loop (count: " + ROUNDS
            + ") { A -> B: Ping; B -> A: Pong; } }";
    static final String ANNOTATED = "choreography Annotated { roles: A, B; loop (count: " + ROUNDS
            + ") { A[guard_capability = \"send\", flow_cost = 1, journal_facts = \"sent\"] -> B: Ping;"
            + " B -> A: Pong; } }";
    static final String HELLO = "choreography Hello { roles: A, B; A -> B: Hello; }";
    static final String NEGOTIATION = "choreography Negotiation { roles: Buyer, Seller; Buyer -> Seller: Offer;"
            + " choice Seller { accept: { Seller -> Buyer: Accept; } reject: { Seller -> Buyer: Reject; } } }";
    /** Sessions in flight at once in {@code concurrentSessions}. */
    public static final int IN_FLIGHT = 10_000;

    /** A generated protocol of {@code interactions} messages among {@code roles} roles, with choices and loops. */
    static String synthetic(int interactions, int roles) {
        StringBuilder b = new StringBuilder("choreography Synthetic { roles: ");
        for (int r = 0; r < roles; r++) {
            b.append(r == 0 ? "" : ", ").append("R").append(r);
        }
        b.append(";\n");
        for (int i = 0; i < interactions; i++) {
            int from = i % roles;
            int to = (i + 1) % roles;
            b.append("  R").append(from).append(" -> R").append(to).append(": M").append(i % 50).append("(Data);\n");
        }
        return b.append("}\n").toString();
    }

    /** Runs a session to its end; fails if it did not complete. */
    static SessionOutcome.SessionCompleted await(CompletionStage<SessionOutcome> outcome) throws Exception {
        SessionOutcome o = outcome.toCompletableFuture().get(60, TimeUnit.SECONDS);
        if (o instanceof SessionOutcome.SessionFailed f) {
            throw new IllegalStateException(f.cause().describe());
        }
        return (SessionOutcome.SessionCompleted) o;
    }

    static SessionOutcome.SessionCompleted runSession(ActorSystem<Sessions.Start> system, SessionSpec spec)
            throws Exception {
        return await(Sessions.run(system, spec.withTimeout(Duration.ofSeconds(60)), system));
    }

    // ------------------------------------------------------------------ raw Pekko baseline: ping-pong

    /** Raw typed messages. */
    public interface Raw extends CborSerializable {
    }

    public record Ping(ActorRef<Raw> replyTo) implements Raw {
    }

    public record Pong() implements Raw {
    }

    public record Play(ActorRef<Raw> ponger, int rounds, ActorRef<Finished> done) implements Raw {
    }

    public record Finished() implements CborSerializable {
    }

    /** Answers every Ping with a Pong. */
    static Behavior<Raw> ponger() {
        return Behaviors.receive(Raw.class)
                .onMessage(Ping.class, p -> {
                    p.replyTo().tell(new Pong());
                    return Behaviors.same();
                })
                .build();
    }

    /** Plays {@code rounds} round trips with a ponger, then reports. */
    static Behavior<Raw> pinger() {
        return Behaviors.setup(ctx -> Behaviors.receive(Raw.class)
                .onMessage(Play.class, play -> playing(ctx.getSelf(), play, play.rounds()))
                .build());
    }

    private static Behavior<Raw> playing(ActorRef<Raw> self, Play play, int left) {
        play.ponger().tell(new Ping(self));
        return Behaviors.receive(Raw.class)
                .onMessage(Pong.class, p -> {
                    if (left == 1) {
                        play.done().tell(new Finished());
                        return Behaviors.stopped();
                    }
                    return playing(self, play, left - 1);
                })
                .build();
    }

    /** Raw ping-pong: spawns a pinger on {@code system} against {@code ponger}, waits for the end. */
    static void rawPingPong(ActorSystem<?> system, ActorRef<Raw> ponger, int rounds) throws Exception {
        ActorRef<Raw> pinger = system.systemActorOf(pinger(), "pinger-" + System.nanoTime(),
                org.apache.pekko.actor.typed.Props.empty());
        AskPattern.<Raw, Finished>ask(pinger, done -> new Play(ponger, rounds, done), Duration.ofSeconds(60),
                system.scheduler()).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Everything {@code choreo check} does after compiling: deadlock and starvation check, and the oracle. */
    static io.choreo.projection.Checker.Result check(CompiledProtocol p) {
        return io.choreo.projection.Checker.check(p, io.choreo.projection.bind.Bindings.none(),
                io.choreo.projection.check.DeadlockChecker.Options.DEFAULT);
    }

    /** A chain {@code R0 -> R1 -> … -> R(n-1)} of one message each, then the answer back along the chain. */
    static String chain(int roles) {
        StringBuilder b = new StringBuilder("choreography Chain { roles: ");
        for (int i = 0; i < roles; i++) {
            b.append(i == 0 ? "" : ", ").append('R').append(i);
        }
        b.append(";\n");
        for (int i = 0; i + 1 < roles; i++) {
            b.append("  R").append(i).append(" -> R").append(i + 1).append(": Request;\n");
        }
        for (int i = roles - 1; i > 0; i--) {
            b.append("  R").append(i).append(" -> R").append(i - 1).append(": Reply;\n");
        }
        return b.append("}\n").toString();
    }

    /** {@code depth} nested loops, each decided by A, each iteration a round trip A -> B -> A. */
    static String nestedLoops(int depth) {
        StringBuilder b = new StringBuilder("choreography Nested { roles: A, B;\n");
        for (int i = 0; i < depth; i++) {
            b.append("  loop (decides: A) { A -> B: Ask").append(i).append("; B -> A: Tell").append(i).append(";\n");
        }
        b.append("  }".repeat(depth)).append("\n}\n");
        return b.toString();
    }
}
