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
        + "seed in detail, or a sweep over --seeds seeds. Exit 1 if any run hangs or fails a check.")
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
                    + "partition=A+B@100-400")
    String faults;

    @Option(names = "--iterations", defaultValue = "2", description = "Iterations of each decides-loop (default 2).")
    int iterations;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "Session timeout in virtual time.")
    Duration timeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the detailed run as JSON (single seed).")
    Path json;

    @Option(names = "--mermaid", description = "Print the run as a Mermaid sequence diagram (single seed).")
    boolean mermaid;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Optional<List<CompiledProtocol>> protocols = source.compile(spec.commandLine().getErr());
        if (protocols.isEmpty()) {
            return ExitCodes.INVALID;
        }
        FaultPlan plan = FaultPlan.parse(seed, faults);
        int exit = ExitCodes.OK;
        try (Simulator simulator = Simulator.create()) {
            for (CompiledProtocol protocol : protocols.get()) {
                Bindings b = bindings.resolvedFor(protocol).bindings();
                ExampleHandlers handlers = new ExampleHandlers(Map.of(), iterations);
                if (seeds <= 1) {
                    SimulationResult r = simulator.run(protocol, b, handlers, Extensions.defaults(), plan, timeout);
                    out.print(SimulationReport.text(r));
                    if (mermaid) {
                        out.print(SimulationReport.mermaid(r));
                    }
                    if (json != null) {
                        Files.writeString(json, SimulationReport.json(r));
                        out.println("wrote " + json);
                    }
                    exit = Math.max(exit, r.ok() ? ExitCodes.OK : ExitCodes.INVALID);
                } else {
                    long start = System.nanoTime();
                    int[] done = {0};
                    Sweep sweep = Sweep.run(protocol.name(), seed, seeds, s -> simulator.run(protocol, b, handlers,
                            Extensions.defaults(), plan.withSeed(s), timeout), r -> {
                                if (++done[0] % 100 == 0) {
                                    out.println("  " + done[0] + "/" + seeds + " seeds");
                                    out.flush();
                                }
                            });
                    out.println(sweep.summary());
                    out.printf("%.1f runs/s%n", seeds / ((System.nanoTime() - start) / 1e9));
                    exit = Math.max(exit, sweep.hangs() == 0 && sweep.withViolations() == 0
                            ? ExitCodes.OK : ExitCodes.INVALID);
                }
            }
        }
        return exit;
    }
}
