package io.choreo.testkit;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.simulation.SimulationResult;
import io.choreo.simulation.net.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * A deterministic simulated run set up from a test: the same seed and fault plan give the same run, message for
 * message. Participants are durable (on the persistence testkit's journal) and every run is checked for
 * conformance to the local types and journal integrity. Handlers run on the simulator's single thread: give real
 * handlers here, not probes.
 *
 * <pre>{@code
 * kit.simulate(protocol).handlers(myHandlers).faults("drop=0.2,crash=Shop@2").seed(7).assertOk();
 * kit.simulate(protocol).handlers(myHandlers).faults("drop=0.1,dup=0.1").assertOkForSeeds(1, 20);
 * }</pre>
 */
public final class SimulationRun {
    private final ChoreoTestKit kit;
    private final CompiledProtocol protocol;
    private RoleHandlers handlers = RoleHandlers.defaults();
    private final Map<String, Supplier<? extends RoleHandler>> perRole = new LinkedHashMap<>();
    private Bindings bindings = Bindings.none();
    private Extensions extensions = Extensions.defaults();
    private String faults = "";
    private long seed = 1;
    private Duration timeout = Duration.ofSeconds(30);

    SimulationRun(ChoreoTestKit kit, CompiledProtocol protocol) {
        this.kit = kit;
        this.protocol = protocol;
    }

    /** The handlers of every participant (do-nothing handlers by default). */
    public SimulationRun handlers(RoleHandlers h) {
        handlers = h;
        perRole.clear();
        return this;
    }

    /**
     * Role {@code role} is played by {@code handler}; once one role is given this way, every role must be (a missing
     * one fails the run with {@code InvalidBindings}, as in production).
     */
    public SimulationRun handler(String role, Supplier<? extends RoleHandler> handler) {
        perRole.put(role, handler);
        handlers = RoleHandlers.perRole(perRole);
        return this;
    }

    public SimulationRun bindings(Bindings b) {
        bindings = b;
        return this;
    }

    public SimulationRun extensions(Extensions e) {
        extensions = e;
        return this;
    }

    /**
     * The fault plan, as {@code choreo simulate --faults} takes it:
     * {@code drop=0.1,dup=0.05,reorder=0.2,delay=50,crash=R@10,journal=R@3,partition=A+B@100-400}.
     *
     * @throws IllegalArgumentException naming the mistake in {@code plan}
     */
    public SimulationRun faults(String plan) {
        FaultPlan.parse(seed, plan);
        faults = plan;
        return this;
    }

    public SimulationRun seed(long s) {
        seed = s;
        return this;
    }

    /** The session timeout, in virtual time (30 s by default). */
    public SimulationRun timeout(Duration t) {
        timeout = t;
        return this;
    }

    /** Runs once with the seed. */
    public SimulationResult run() {
        return run(seed);
    }

    /** Runs once and fails (naming the seed, the outcome and the failed checks) unless the run passed every check. */
    public SimulationResult assertOk() {
        return ok(run());
    }

    /** Runs once and fails unless the session completed and passed every check. */
    public SimulationResult assertCompleted() {
        SimulationResult r = ok(run());
        if (!r.completed()) {
            throw new AssertionFailedError(describe(r), "completed", r.outcome());
        }
        return r;
    }

    /** Runs seeds {@code first} to {@code last} (inclusive) and fails at the first run that does not pass. */
    public List<SimulationResult> assertOkForSeeds(long first, long last) {
        List<SimulationResult> results = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            results.add(ok(run(s)));
        }
        return results;
    }

    private SimulationResult run(long s) {
        return kit.simulator().run(protocol, bindings, handlers, extensions, FaultPlan.parse(s, faults), timeout);
    }

    private SimulationResult ok(SimulationResult r) {
        if (!r.ok()) {
            throw new AssertionFailedError(describe(r));
        }
        return r;
    }

    private String describe(SimulationResult r) {
        return protocol.name() + " with seed " + r.seed() + " and faults '" + faults + "': " + r.outcome()
                + (r.cause().isEmpty() ? "" : " (" + r.cause() + ")")
                + (r.violations().isEmpty() ? "" : "; failed checks: " + r.violations())
                + " — rerun with `choreo simulate FILE --seed " + r.seed() + " --faults " + faults + "`";
    }
}
