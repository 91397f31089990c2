package io.choreo.simulation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.durable.DurableRole;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Participants;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import io.choreo.simulation.check.ConformanceCheck;
import io.choreo.simulation.check.JournalCheck;
import io.choreo.simulation.exec.Quiescence;
import io.choreo.simulation.exec.QuiescentExecutorConfigurator;
import io.choreo.simulation.exec.VirtualScheduler;
import io.choreo.simulation.journal.SimJournal;
import io.choreo.simulation.journal.SimJournalStore;
import io.choreo.simulation.net.FaultPlan;
import io.choreo.simulation.net.NetEvent;
import io.choreo.simulation.net.SimHost;
import io.choreo.simulation.net.SimNetwork;
import io.choreo.simulation.net.SimPlacement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs sessions deterministically under injected faults. All actors run on one counted thread; Pekko's scheduler
 * runs on virtual time ({@link VirtualScheduler}); the network delivers one message per step with the seeded random
 * of the fault plan; the journal is in memory ({@link SimJournal}; the plan can fail its writes). Between steps the
 * simulator waits until every actor is idle, so a seed reproduces the same run exactly. A run ends when the session
 * reports an outcome — its own timeout included, in virtual time — and is then checked.
 */
public final class Simulator implements AutoCloseable {
    /** Virtual time that passes when no message is in flight (timers: redelivery, backoff, timeouts). */
    static final Duration IDLE_TICK = Duration.ofMillis(100);
    /**
     * Steps after which a run is reported as a hang (the virtual timeout normally ends a run long before). A message
     * takes about one step, so this leaves room for sessions of a few hundred thousand messages under faults.
     */
    public static final int MAX_STEPS = 2_000_000;
    /** Virtual time after the session timeout for the session to report it (it asks its participants first). */
    static final Duration DESCRIBE_GRACE = Duration.ofSeconds(5);

    private final ActorTestKit kit;
    private final VirtualScheduler time;
    private final SimJournalStore journal;
    private final int maxSteps;
    private int runs;

    private Simulator(int maxSteps) {
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("the step limit must be positive, not " + maxSteps);
        }
        this.maxSteps = maxSteps;
        kit = ActorTestKit.create("simulation", config());
        time = (VirtualScheduler) kit.system().classicSystem().scheduler();
        journal = SimJournalStore.get(kit.system());
    }

    public static Simulator create() {
        return new Simulator(MAX_STEPS);
    }

    /** A simulator whose runs stop (as a hang) after {@code maxSteps} network steps. */
    public static Simulator create(int maxSteps) {
        return new Simulator(maxSteps);
    }

    static Config config() {
        String executor = "io.choreo.simulation.exec.QuiescentExecutorConfigurator";
        return ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.actor.default-dispatcher { executor = "%1$s", throughput = 1, throughput-deadline-time = 0ms }
                pekko.actor.internal-dispatcher { type = Dispatcher, executor = "%1$s", throughput = 1 }
                pekko.actor.default-blocking-io-dispatcher { type = Dispatcher, executor = "%1$s", throughput = 1 }
                pekko.persistence.dispatchers.default-plugin-dispatcher { type = Dispatcher, executor = "%1$s" }
                pekko.persistence.dispatchers.default-replay-dispatcher { type = Dispatcher, executor = "%1$s" }
                pekko.persistence.dispatchers.default-stream-dispatcher { type = Dispatcher, executor = "%1$s" }
                # no random jitter: a seed must reproduce the same run
                choreo.persistence.restart-backoff.random-factor = 0
                """.formatted(executor) + SimJournal.CONFIG)
                .withFallback(ConfigFactory.parseString(
                        "pekko.scheduler.implementation = \"io.choreo.simulation.exec.VirtualScheduler\""))
                .withFallback(org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin.config())
                .withFallback(ConfigFactory.load());
    }

    /** One run of {@code protocol} under {@code plan}. */
    public SimulationResult run(CompiledProtocol protocol, Bindings bindings, RoleHandlers handlers,
                                Extensions extensions, FaultPlan plan, Duration timeout) {
        runs++;
        String sessionId = "sim-" + plan.seed() + "-" + runs;
        ActorRef<SimNetwork.Command> network = kit.spawn(SimNetwork.create(plan), "network-" + runs);
        SimPlacement placement = new SimPlacement(network);
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(protocol).withSessionId(sessionId)
                .withBindings(bindings).withHandlers(handlers).withExtensions(extensions).withTimeout(timeout)
                .withTrace(true))   // a simulation reports every message
                // every run has a fresh session id: no fingerprint to record (its journal round trip would run
                // outside the counted executors and make runs irreproducible)
                .withRoleBehaviors(DurableRole::create)
                .withPlacement(placement);
        AtomicReference<SessionOutcome> outcome = new AtomicReference<>();
        ActorRef<SessionOutcome> outcomes = collector(outcome, "outcome-" + runs);
        kit.spawn(SessionActor.create(spec, outcomes), "session-" + runs);
        AtomicReference<SimNetwork.StepResult> lastStep = new AtomicReference<>();
        ActorRef<SimNetwork.StepResult> steps = collector(lastStep, "steps-" + runs);
        int step = 0;
        long start = time.nowMillis();
        long limit = start + timeout.toMillis() + DESCRIBE_GRACE.toMillis();
        while (outcome.get() == null && step < maxSteps && time.nowMillis() <= limit) {
            Quiescence.awaitIdle(10_000);
            if (outcome.get() != null) {
                break;
            }
            int current = step;
            lastStep.set(null);
            long now = time.nowMillis() - start;
            QuiescentExecutorConfigurator.inSimulation(() -> {
                injectFaults(plan, current, sessionId, placement, network);
                network.tell(new SimNetwork.Step(steps, now));
            }, 10_000);
            SimNetwork.StepResult result = lastStep.get();
            step++;
            // one clock, counted from the start of the run: a delivery moves virtual time to the message's arrival,
            // an idle step by a tick, so the session's (virtual) timeout always ends a run, however many messages
            // flow; partition windows and delays use the same milliseconds
            long advance = result.delivered() ? Math.max(0, result.nowMillis() - now) : IDLE_TICK.toMillis();
            if (advance > 0) {
                QuiescentExecutorConfigurator.inSimulation(() -> time.advance(advance), 10_000);
            }
        }
        long virtual = time.nowMillis() - start;
        Quiescence.awaitIdle(10_000);
        AtomicReference<List<NetEvent>> traced = new AtomicReference<>();
        network.tell(new SimNetwork.GetTrace(collector(traced, "trace-" + runs)));
        Quiescence.awaitIdle(10_000);
        List<NetEvent> netTrace = traced.get();
        kit.stop(network);
        kit.stop(steps);
        kit.stop(outcomes);
        SessionOutcome o = outcome.get();
        List<String> violations = o == null ? List.of() : checks(protocol, bindings, sessionId,
                o instanceof SessionOutcome.SessionCompleted);
        if (o == null) {
            return new SimulationResult(protocol.name(), plan.seed(), "hang", "no outcome after " + step
                    + " steps (limit " + maxSteps + ") and " + virtual + " ms of virtual time", netTrace, List.of(),
                    violations, step, virtual);
        }
        List<TraceEvent> trace = o instanceof SessionOutcome.SessionCompleted c ? c.trace()
                : ((SessionOutcome.SessionFailed) o).trace();
        String kind = o instanceof SessionOutcome.SessionFailed f ? f.cause().getClass().getSimpleName() : "completed";
        String cause = o instanceof SessionOutcome.SessionFailed f ? f.cause().describe() : "";
        return new SimulationResult(protocol.name(), plan.seed(), kind, cause, netTrace, trace, violations, step,
                virtual);
    }

    /** An actor that keeps the last message it got, for the simulator to read once everything is idle. */
    private <T> ActorRef<T> collector(AtomicReference<T> into, String name) {
        return kit.spawn(Behaviors.receiveMessage(m -> {
            into.set(m);
            return Behaviors.same();
        }), name);
    }

    private void injectFaults(FaultPlan plan, int step, String sessionId, SimPlacement placement,
                              ActorRef<SimNetwork.Command> network) {
        for (FaultPlan.StepFault crash : plan.crashes()) {
            if (crash.step() == step && placement.hosts().containsKey(crash.participant())) {
                network.tell(new SimNetwork.Note(NetEvent.Kind.CRASHED, crash.participant()));
                placement.hosts().get(crash.participant()).tell(new SimHost.Crash());
            }
        }
        for (FaultPlan.StepFault failure : plan.journalFailures()) {
            if (failure.step() == step) {
                network.tell(new SimNetwork.Note(NetEvent.Kind.JOURNAL_FAILED, failure.participant()));
                journal.failNextPersisted(DurableRole.persistenceId(sessionId, failure.participant()).id());
            }
        }
    }

    private List<String> checks(CompiledProtocol protocol, Bindings bindings, String sessionId, boolean completed) {
        List<String> violations = new ArrayList<>();
        Map<String, Participants.Participant> participants = Participants.of(protocol,
                ResolvedBindings.resolve(protocol.global(), bindings));
        for (Participants.Participant p : participants.values()) {
            List<Object> events = io.choreo.persistence.durable.RoleEvent.flatten(
                    journal.persisted(DurableRole.persistenceId(sessionId, p.name()).id()));
            violations.addAll(ConformanceCheck.check(p.name(), p.type(), events, completed));
            violations.addAll(JournalCheck.check(p.name(), events));
        }
        return violations;
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
    }
}
