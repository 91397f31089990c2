package io.choreo.cli;

import io.choreo.console.web.ConsoleServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo console}: the web console over the sessions of a journal, until stopped. */
@Command(name = "console", description = "Serve the web console (sessions list, session detail with a sequence "
        + "diagram, protocol view, JSON API at /api/sessions) over the sessions of a journal no other process has "
        + "open (read-only; a running node serves its own console: choreo node --console-port P). Runs until "
        + "stopped (Ctrl-C).")
final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default 8080).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default 127.0.0.1).")
    String host;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() throws Exception {
        journal.checkReadable();
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            spec.commandLine().getErr().println("choreo: cannot serve the console on " + host + ":" + port + ": "
                    + e.getMessage());
            return ExitCodes.INVALID;
        }
        try (EmbeddedNode node = EmbeddedNode.reading(journal.journal)) {
            ConsoleServer server = ConsoleServer.start(node.system,
                    new ConsoleServer.Options(host, port, true, true)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            spec.commandLine().getOut().println("console at http://" + host + ":" + server.port() + "/ (journal "
                    + journal.journal + ".mv.db); Ctrl-C stops it");
            Runtime.getRuntime().addShutdownHook(new Thread(node.system::terminate));
            node.system.getWhenTerminated().toCompletableFuture().get();
            return ExitCodes.OK;
        }
    }
}
