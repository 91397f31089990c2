package io.choreo.cli;

import io.choreo.cluster.node.ChoreoNodeMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo node}: a cluster node on 127.0.0.1 hosting participants; optionally runs one session. */
@Command(name = "node", description = "Start a cluster node on 127.0.0.1 that hosts participants (sharded "
        + "entities) and flow budgets (Distributed Data). With --run FILE it runs that protocol across the cluster "
        + "once --members nodes are up, printing each message as the journal records it, then exits; otherwise it "
        + "serves until stopped. --var and --iterations set the example handlers of the participants this node "
        + "hosts: give every node the same ones.")
final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, description = "Port of this node.")
    int port;

    @Option(names = "--seeds", split = ",", required = true, paramLabel = "HOST:PORT",
            description = "Seed nodes, e.g. 127.0.0.1:2551,127.0.0.1:2552.")
    List<String> seeds;

    @Option(names = "--protocols", split = ",", paramLabel = "FILE", defaultValue = "examples",
            description = ".choreo files or directories to host (default: examples).")
    List<Path> protocols;

    @Option(names = "--journal", defaultValue = "data/cluster-journal",
            description = "H2 journal file shared by the nodes (PostgreSQL if CHOREO_PG_URL is set).")
    Path journal;

    @Option(names = "--run", paramLabel = "FILE", description = "Run this protocol across the cluster, then exit.")
    Path run;

    @Option(names = "--members", defaultValue = "3", description = "Nodes to wait for before --run (default 3).")
    int members;

    @Option(names = "--bind", paramLabel = "ROLE=N", description = "Instance count of a role array for --run.")
    Map<String, Integer> roleCounts = new LinkedHashMap<>();

    @Option(names = "--console-port", paramLabel = "P",
            description = "Serve the web console of this node on 127.0.0.1:P (its live sessions and the journal).")
    Integer consolePort;

    /** The example handlers of the participants this node hosts: give every node the same values. */
    @Mixin
    HandlerOptions handlerOptions;

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path p : protocols) {
            files.addAll(java.nio.file.Files.isDirectory(p) ? io.choreo.dsl.source.ChoreoFiles.under(p) : List.of(p));
        }
        if (run != null && !files.contains(run)) {
            files.add(run);
        }
        if (consolePort != null) {
            if (consolePort < 1 || consolePort > 65535) {
                throw new UsageError("--console-port " + consolePort + ": a port is 1 to 65535");
            }
            System.setProperty("choreo.console.port", String.valueOf(consolePort));
            com.typesafe.config.ConfigFactory.invalidateCaches();
        }
        String pg = System.getenv("CHOREO_PG_URL");
        if (pg == null || pg.isBlank()) {
            JournalOption.check(journal);   // the embedded H2 journal: one process's, a clear error if in use
        }
        return ChoreoNodeMain.run(new ChoreoNodeMain.Options(port, seeds, journal, files, run, members, roleCounts,
                handlerOptions.parsedVariables(), handlerOptions.iterations), spec.commandLine().getOut());
    }
}
