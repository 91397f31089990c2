package io.choreo.testkit;

import com.typesafe.config.Config;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.session.Sessions;
import io.choreo.simulation.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The entry point of the testkit: an actor system for sessions under test ({@link #session}) and, on first use, a
 * deterministic simulator ({@link #simulate}). Create one per test class (or let {@link ChoreoTestKitExtension} do
 * it) and close it at the end.
 *
 * <pre>{@code
 * try (ChoreoTestKit kit = ChoreoTestKit.create()) {
 *     RunningSession s = kit.session(protocol).handler("Customer", CustomerSide::new).probe("Shop").start();
 *     s.probe("Shop").expectReceive("PlaceOrder");
 *     s.probe("Shop").choose("accept").expectSend("Confirmed").reply("ok");
 *     OutcomeAssert.assertThat(s.awaitOutcome()).completed().hasMessages(
 *             "Customer -> Shop: PlaceOrder", "Shop -> Customer: Confirmed");
 * }
 * }</pre>
 */
public final class ChoreoTestKit implements AutoCloseable {
    /** How long an {@code expect…} of a probe waits for the participant by default. */
    public static final Duration DEFAULT_EXPECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long a probe-played participant waits for the test's answer by default. */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final ActorTestKit actors;
    private final ActorRef<Sessions.Start> manager;
    private final List<RoleProbe> probes = new CopyOnWriteArrayList<>();
    private Simulator simulator;

    private ChoreoTestKit(ActorTestKit actors) {
        this.actors = actors;
        this.manager = actors.spawn(Sessions.manager(), "sessions");
    }

    /**
     * A kit on the classpath's test configuration, as Pekko's {@code ActorTestKit} reads it:
     * {@code application-test.conf}, then {@code application.conf} and {@code reference.conf}.
     */
    public static ChoreoTestKit create() {
        return new ChoreoTestKit(ActorTestKit.create("choreo-test"));
    }

    /** A kit whose actor system runs on {@code config}. */
    public static ChoreoTestKit create(Config config) {
        return new ChoreoTestKit(ActorTestKit.create("choreo-test", config));
    }

    /** A session of {@code protocol} to set up: handlers, probes, bindings, extensions. */
    public TestSession session(CompiledProtocol protocol) {
        return new TestSession(this, protocol);
    }

    /** A deterministic simulated run of {@code protocol}, with a seed and a fault plan. */
    public SimulationRun simulate(CompiledProtocol protocol) {
        return new SimulationRun(this, protocol);
    }

    /** The actor system sessions run on. */
    public ActorSystem<Void> system() {
        return actors.system();
    }

    /** The Pekko testkit underneath, for the application's own actors and probes. */
    public ActorTestKit actorTestKit() {
        return actors;
    }

    ActorRef<Sessions.Start> manager() {
        return manager;
    }

    RoleProbe newProbe(String participant, Duration expectTimeout, Duration answerTimeout) {
        RoleProbe probe = new RoleProbe(participant, expectTimeout, answerTimeout);
        probes.add(probe);
        return probe;
    }

    synchronized Simulator simulator() {
        if (simulator == null) {
            simulator = Simulator.create();
        }
        return simulator;
    }

    /** Fails every question a probe-played participant still waits on, stops the simulator and the actor system. */
    @Override
    public void close() {
        probes.forEach(RoleProbe::abandon);
        synchronized (this) {
            if (simulator != null) {
                simulator.close();
                simulator = null;
            }
        }
        actors.shutdownTestKit();
    }
}
