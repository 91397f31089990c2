package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.simulation.SimulationResult;
import io.choreo.simulation.Simulator;
import io.choreo.simulation.net.FaultPlan;
import io.choreo.simulation.report.SimulationReport;
import io.choreo.simulation.report.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo simulate FILE --seed S --faults …}: deterministic simulated runs under injected faults. */
@Command(name = "simulate", description = "Run a protocol in the deterministic simulator under injected faults: one "
        + "seed in detail, or a sweep over --seeds seeds. Exit 1 if a run hangs, fails a check, fails with a typed "
        + "error no injected fault causes (a guard, capability, budget, handler or protocol error), or (single "
        + "seed) times out although the fault plan allows completion. --var and --iterations set the example "
        + "handlers, as for run.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolSource source;

    @Mixin
    BindingOptions bindings;

    @Option(names = "--seed", defaultValue = "1", description = "The (first) seed (default 1).")
    long seed;

    @Option(names = "--seeds", defaultValue = "1", description = "How many seeds to sweep (default 1: one detailed run).")
    int seeds;

    @Option(names = "--faults", defaultValue = "", paramLabel = "SPEC",
            description = "e.g. drop=0.1,dup=0.05,reorder=0.2,delay=50,crash=Leader@10,journal=Seller@3,"
                    + "partition=A+B@100-400. Delays and partition windows are virtual milliseconds from the start "
                    + "of the run; crash and journal faults happen before the given network step.")
    String faults;

    /** {@code --var} and {@code --iterations}: the example handlers' guard variables and loop decisions. */
    @Mixin
    HandlerOptions handlerOptions;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "Session timeout in virtual time: PT30S, 30s or 500ms (default 30 s).")
    Duration timeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the detailed run as JSON (single seed).")
    Path json;

    @Option(names = "--mermaid", description = "Print the run as a Mermaid sequence diagram (single seed).")
    boolean mermaid;

    @Mixin
    EnforcementOptions enforcement;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Optional<List<CompiledProtocol>> protocols = source.compile(spec.commandLine().getErr(), bindings.toBindings());
        if (protocols.isEmpty()) {
            return ExitCodes.INVALID;
        }
        if (seeds < 1) {
            throw new UsageError("--seeds " + seeds + ": the number of seeds must be 1 or more");
        }
        if (handlerOptions.iterations < 0) {
            throw new UsageError("--iterations " + handlerOptions.iterations
                    + ": the number of iterations must be 0 or more");
        }
        Map<String, Object> vars = handlerOptions.parsedVariables();
        GuardVariables.check(protocols.get(), vars);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UsageError("--timeout " + timeout + ": the timeout must be positive");
        }
        bindings.checkNames(protocols.get());
        FaultPlan plan;
        try {
            plan = FaultPlan.parse(seed, faults);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--faults: " + e.getMessage());
        }
        for (CompiledProtocol protocol : protocols.get()) {
            checkParticipants(plan, protocol);
        }
        int exit = ExitCodes.OK;
        try (Simulator simulator = Simulator.create()) {
            for (CompiledProtocol protocol : protocols.get()) {
                Bindings b = bindings.resolvedFor(protocol).bindings();
                ExampleHandlers handlers = new ExampleHandlers(vars, handlerOptions.iterations);
                Extensions extensions = enforcement.apply(Extensions.defaults(), List.of(protocol));
                if (seeds <= 1) {
                    SimulationResult r = simulator.run(protocol, b, handlers, extensions, plan, timeout);
                    out.print(SimulationReport.text(r));
                    boolean timedOut = r.outcome().equals("SessionTimedOut");
                    Optional<String> expected = timedOut ? plan.preventsCompletion(timeout.toMillis())
                            : Optional.empty();
                    if (timedOut) {
                        out.println(expected.map(why -> "timed out as the fault plan requires: " + why)
                                .orElse("timed out although the fault plan allows completion: exit 1"));
                    }
                    if (mermaid) {
                        out.print(SimulationReport.mermaid(r));
                    }
                    if (json != null) {
                        Files.writeString(json, SimulationReport.json(r));
                        out.println("wrote " + json);
                    }
                    boolean faultless = !r.completed() && !r.hung() && !timedOut
                            && plan.explains(r.outcome()).isEmpty();
                    if (!r.completed() && !r.hung() && !timedOut) {
                        out.println(plan.explains(r.outcome()).map(why -> "ended with " + r.outcome()
                                        + ", which the fault plan can cause: " + why)
                                .orElse("ended with " + r.outcome() + ", which no injected fault causes: exit 1"));
                    }
                    boolean ok = r.ok() && (!timedOut || expected.isPresent()) && !faultless;
                    exit = Math.max(exit, ok ? ExitCodes.OK : ExitCodes.INVALID);
                } else {
                    long start = System.nanoTime();
                    int[] done = {0};
                    java.util.Set<String> faultless = new java.util.TreeSet<>();
                    Sweep sweep = Sweep.run(protocol.name(), seed, seeds, s -> simulator.run(protocol, b, handlers,
                            extensions, plan.withSeed(s), timeout), r -> {
                                if (!r.completed() && !r.hung() && !r.outcome().equals("SessionTimedOut")
                                        && plan.explains(r.outcome()).isEmpty()) {
                                    faultless.add(r.outcome());
                                }
                                if (++done[0] % 100 == 0) {
                                    out.println("  " + done[0] + "/" + seeds + " seeds");
                                    out.flush();
                                }
                            });
                    out.println(sweep.summary());
                    if (!faultless.isEmpty()) {
                        out.println("runs ended with " + String.join(", ", faultless)
                                + ", which no injected fault causes: exit 1");
                    }
                    out.printf("%.1f runs/s%n", seeds / ((System.nanoTime() - start) / 1e9));
                    exit = Math.max(exit, sweep.hangs() == 0 && sweep.withViolations() == 0 && faultless.isEmpty()
                            ? ExitCodes.OK : ExitCodes.INVALID);
                }
            }
        }
        return exit;
    }

    /** Every participant the fault plan names must exist (after the bindings). */
    private void checkParticipants(FaultPlan plan, CompiledProtocol protocol) {
        java.util.Set<String> participants = new java.util.TreeSet<>(io.choreo.projection.local.Participants.of(
                protocol, bindings.resolvedFor(protocol)).keySet());
        for (String named : plan.participantsNamed()) {
            if (!participants.contains(named)) {
                throw new UsageError("--faults: " + protocol.name() + " has no participant '" + named
                        + "' (participants: " + String.join(", ", participants) + ")");
            }
        }
    }
}
