package io.choreo.cli;

import io.choreo.cluster.node.ChoreoNodeMain;
import io.choreo.cluster.security.ClusterTls;
import io.choreo.console.web.ConsoleAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.choreo.projection.CompiledProtocol;
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
        + "hosts: give every node the same ones. --tls-keystore, --tls-truststore and --tls-password-file encrypt "
        + "and authenticate the cluster (docs/tls-and-console-auth.md).")
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

    /** {@code --bind}/{@code --symbol} for --run, read and checked as by run and simulate. */
    @Mixin
    BindingOptions bindings;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Session timeout of --run: PT30S, 30s or "
            + "500ms (default: choreo.runtime.default-session-timeout of the configuration, 30 s).")
    java.time.Duration timeout;

    @Option(names = "--console-port", paramLabel = "P",
            description = "Serve the web console of this node on 127.0.0.1:P (its live sessions and the journal).")
    Integer consolePort;

    @Option(names = "--console-host", paramLabel = "HOST", description = "Interface of the console (default "
            + "127.0.0.1; another one needs --console-token-file).")
    String consoleHost;

    @Option(names = "--console-token-file", paramLabel = "FILE", description = "Token (first line, mode 600) every "
            + "request to the console must carry.")
    Path consoleTokenFile;

    @Option(names = "--console-tls-keystore", paramLabel = "FILE", description = "Serve the console over HTTPS with "
            + "this PKCS12 key store.")
    Path consoleKeyStore;

    @Option(names = "--console-tls-password-file", paramLabel = "FILE", description = "File (mode 600) holding the "
            + "console key store's password.")
    Path consolePasswordFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Artery over TLS with mutual authentication:"
            + " this node's PKCS12 key store (needs --tls-truststore and --tls-password-file).")
    Path tlsKeyStore;

    @Option(names = "--tls-truststore", paramLabel = "FILE", description = "PKCS12 trust store with the certificates "
            + "of the cluster's nodes.")
    Path tlsTrustStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "File (mode 600) holding the password "
            + "of the key store, its key and the trust store.")
    Path tlsPasswordFile;

    @Option(names = "--management-port", paramLabel = "P",
            description = "Serve Pekko Management's health checks (/ready, /alive) on 127.0.0.1:P.")
    Integer managementPort;

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
        for (String seed : seeds) {
            String s = seed.trim();
            if (!s.matches("[A-Za-z0-9.\\-]+:\\d{1,5}")
                    || !OptionRanges.RANGES.get("--port").holds(Long.parseLong(s.substring(s.lastIndexOf(':') + 1)))) {
                throw new UsageError("--seeds " + seed + ": write HOST:PORT with a port 1 to 65535, e.g. "
                        + "127.0.0.1:2551");
            }
        }
        if (timeout != null) {
            System.setProperty(io.choreo.runtime.session.SessionSpec.DEFAULT_TIMEOUT_KEY, timeout.toMillis() + "ms");
            com.typesafe.config.ConfigFactory.invalidateCaches();
        }
        if (consolePort == null && (consoleHost != null || consoleTokenFile != null || consoleKeyStore != null
                || consolePasswordFile != null)) {
            throw new UsageError("--console-host, --console-token-file and --console-tls-* need --console-port");
        }
        configurePort(consolePort, "choreo.console.port");
        configurePort(managementPort, io.choreo.cluster.node.ChoreoNode.MANAGEMENT_PORT_KEY);
        if (consolePort != null) {
            String host = consoleHost == null ? "127.0.0.1" : consoleHost;
            ConsoleAccess.of(consoleTokenFile, consoleKeyStore, consolePasswordFile).checkBinding(host);
            System.setProperty("choreo.console.host", host);
            setPath("choreo.console.token-file", consoleTokenFile);
            setPath("choreo.console.tls.key-store", consoleKeyStore);
            setPath("choreo.console.tls.password-file", consolePasswordFile);
            com.typesafe.config.ConfigFactory.invalidateCaches();
        }
        String pg = System.getenv("CHOREO_PG_URL");
        if (pg == null || pg.isBlank()) {
            JournalOption.check(journal);   // the embedded H2 journal: one process's, a clear error if in use
        }
        io.choreo.projection.bind.Bindings bound = io.choreo.projection.bind.Bindings.none();
        if (run != null) {
            ProtocolSource source = new ProtocolSource();
            source.file = run;
            Optional<List<CompiledProtocol>> toRun = source.compile(spec.commandLine().getErr());
            if (toRun.isEmpty()) {
                return ExitCodes.INVALID;
            }
            bindings.checkNames(toRun.get());
            bound = bindings.toBindings(toRun.get().get(0));
        } else if (!bindings.roles.isEmpty() || !bindings.symbols.isEmpty()) {
            throw new UsageError("--bind and --symbol are for --run FILE");
        }
        return ChoreoNodeMain.run(new ChoreoNodeMain.Options(port, seeds, journal, files, run, members, bound,
                handlerOptions.parsedVariables(), handlerOptions.iterations, clusterTls()), spec.commandLine().getOut());
    }

    private Optional<ClusterTls> clusterTls() {
        if (tlsKeyStore == null && tlsTrustStore == null && tlsPasswordFile == null) {
            return Optional.empty();
        }
        if (tlsKeyStore == null || tlsTrustStore == null || tlsPasswordFile == null) {
            throw new UsageError("--tls-keystore, --tls-truststore and --tls-password-file go together");
        }
        ClusterTls tls = new ClusterTls(tlsKeyStore, tlsTrustStore, tlsPasswordFile);
        tls.artery();   // checks the files now: one sentence, before the node starts
        return Optional.of(tls);
    }

    private static void setPath(String key, Path value) {
        if (value != null) {
            System.setProperty(key, value.toAbsolutePath().toString());
        }
    }

    /**
     * Sets {@code key} (a system property the node's configuration reads) to {@code port}, if given; its range was
     * checked with every numeric option by {@link OptionRanges} before the command ran.
     */
    private static void configurePort(Integer port, String key) {
        if (port == null) {
            return;
        }
        System.setProperty(key, String.valueOf(port));
        com.typesafe.config.ConfigFactory.invalidateCaches();
    }
}
