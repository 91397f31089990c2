package io.choreo.cli;

import io.choreo.console.web.ConsoleAccess;
import io.choreo.console.web.ConsoleServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
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
        + "open (read-only; a running node serves its own console: choreo node --console-port P). Binds 127.0.0.1 "
        + "unless --host (with --token-file) says otherwise; see docs/tls-and-console-auth.md. Runs until stopped "
        + "(Ctrl-C).")
final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default 8080).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default "
            + "127.0.0.1; another interface needs --token-file).")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require the token on the first line of FILE "
            + "(mode 600, at least 16 characters) on every route: Authorization: Bearer, or the login page.")
    Path tokenFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with this PKCS12 key store.")
    Path keyStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "File (mode 600) holding the key "
            + "store's password.")
    Path passwordFile;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() throws Exception {
        ConsoleAccess access = ConsoleAccess.of(tokenFile, keyStore, passwordFile);
        access.checkBinding(host);
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
                    new ConsoleServer.Options(host, port, true, true, access)).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            spec.commandLine().getOut().println("console at " + access.scheme() + "://" + host + ":" + server.port() + "/ (journal "
                    + journal.journal + ".mv.db); Ctrl-C stops it");
            Runtime.getRuntime().addShutdownHook(new Thread(node.system::terminate));
            node.system.getWhenTerminated().toCompletableFuture().get();
            return ExitCodes.OK;
        }
    }
}
