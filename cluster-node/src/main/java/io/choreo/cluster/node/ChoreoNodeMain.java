package io.choreo.cluster.node;

import io.choreo.cluster.security.ClusterTls;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.Compiler;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.MemberStatus;

/**
 * Runs a node from the command line (used by {@code choreo node}): joins the seeds, registers protocols with example
 * handlers, optionally runs one session once enough members are up (printing its messages as the journal records
 * them), and keeps serving until stopped.
 */
public final class ChoreoNodeMain {
    private ChoreoNodeMain() {
    }

    /**
     * What to run on a node.
     *
     * @param bindings role-array counts or instance names and symbols for the session of {@code runFile}
     * @param variables guard variables of the example handlers of the participants this node hosts
     * @param iterations iterations of each decides-loop the example handlers decide
     * @param tls Artery over TLS with mutual authentication, with these keys (else plain TCP on 127.0.0.1)
     */
    public record Options(int port, List<String> seeds, Path journal, List<Path> protocols, Path runFile,
                          int minMembers, Bindings bindings, Map<String, ?> variables, int iterations,
                          Optional<ClusterTls> tls) {
    }

    /** Starts the node; returns once a requested session ended, or never (serving) otherwise. */
    public static int run(Options o, java.io.PrintWriter out) throws Exception {
        NodeSettings plain = NodeSettings.of(o.port(), o.seeds(), JournalDatabase.fromEnvironment(o.journal()));
        NodeSettings settings = o.tls().map(plain::withTls).orElse(plain);
        Map<Path, List<CompiledProtocol>> hosted = new java.util.LinkedHashMap<>();
        for (Path file : o.protocols()) {
            hosted.put(file, Compiler.compile(file).protocols());   // every file read before the node starts
        }
        ChoreoNode node = ChoreoNode.start(settings);
        try {
            return serve(node, hosted, o, out);
        } finally {
            node.close();
        }
    }

    private static int serve(ChoreoNode node, Map<Path, List<CompiledProtocol>> hosted, Options o,
                             java.io.PrintWriter out) throws Exception {
        for (Map.Entry<Path, List<CompiledProtocol>> file : hosted.entrySet()) {
            for (CompiledProtocol p : file.getValue()) {
                node.register(p, new ExampleHandlers(o.variables(), o.iterations()), Extensions.defaults());
                out.println("registered " + p.name() + " version " + p.version() + " from " + file.getKey());
            }
        }
        out.println("node up on 127.0.0.1:" + o.port() + (o.tls().isPresent() ? " (TLS, mutual authentication)"
                : "") + ", seeds " + o.seeds());
        out.flush();
        if (o.runFile() == null) {
            new CountDownLatch(1).await();
            return 0;
        }
        waitForMembers(node, o.minMembers());
        CompiledProtocol protocol = Compiler.compile(o.runFile()).protocol(null);
        SessionSpec spec = node.session(protocol.name(), protocol.version()).withBindings(o.bindings());
        out.println("running " + protocol.name() + " version " + protocol.version() + " (session "
                + spec.sessionId() + "), messages as the journal records them:");
        out.flush();
        SessionOutcome outcome;
        int consumed;
        try (JournalProgress progress = new JournalProgress(node.system(), spec.sessionId(), out)) {
            outcome = node.run(spec).toCompletableFuture().get(spec.timeout().toSeconds() + 30, TimeUnit.SECONDS);
            consumed = progress.finish();
        }
        if (outcome instanceof SessionOutcome.SessionCompleted c) {
            out.println("completed " + c.protocol() + " across the cluster: " + consumed + " messages");
        } else {
            out.println("FAILED: " + ((SessionOutcome.SessionFailed) outcome).cause().describe());
        }
        out.flush();
        return outcome instanceof SessionOutcome.SessionCompleted ? 0 : 1;
    }

    private static void waitForMembers(ChoreoNode node, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ChoreoNode.JOIN_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            long up = java.util.stream.StreamSupport.stream(node.cluster().state().getMembers().spliterator(), false)
                    .filter(m -> m.status() == MemberStatus.up()).count();
            if (up >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("fewer than " + count + " members joined within "
                + ChoreoNode.JOIN_TIMEOUT.toSeconds() + " s");
    }
}
