package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.persistence.journal.PersistentJournalStore;
import io.choreo.runtime.extension.JournalStore;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import io.choreo.runtime.session.TraceEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo run FILE}: runs the protocol on an embedded node with example handlers; prints trace and facts. */
@Command(name = "run", description = "Run a choreography on an embedded single node (durable participants, H2 "
        + "journal) with example handlers, printing the message trace and the journal facts. Running again with "
        + "--session ID resumes that session from the journal.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolSource source;

    @Mixin
    BindingOptions bindings;

    @Mixin
    HandlerOptions handlerOptions;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "Session timeout: PT30S, 30s or 500ms (default 30 s).")
    Duration timeout;

    @Option(names = "--session", paramLabel = "ID", description = "Session id (default: a new one); an id already "
            + "in the journal resumes that session.")
    String sessionId;

    @Mixin
    JournalOption journal;

    @Mixin
    EnforcementOptions enforcement;

    /** The protocols of the file being run. */
    private List<CompiledProtocol> protocols = List.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<List<CompiledProtocol>> compiled = source.compile(spec.commandLine().getErr(), bindings.toBindings());
        if (compiled.isEmpty()) {
            return ExitCodes.INVALID;
        }
        protocols = compiled.get();
        if (handlerOptions.iterations < 0) {
            throw new UsageError("--iterations " + handlerOptions.iterations
                    + ": the number of iterations must be 0 or more");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UsageError("--timeout " + timeout + ": the timeout must be positive");
        }
        bindings.checkNames(compiled.get());
        Map<String, Object> vars = GuardVariables.parse(handlerOptions.variables);
        GuardVariables.check(compiled.get(), vars);
        for (CompiledProtocol protocol : compiled.get()) {
            bindings.resolvedFor(protocol);
        }
        enforcement.apply(Extensions.defaults(), compiled.get());
        journal.check();
        try (EmbeddedNode node = EmbeddedNode.writing(journal.journal)) {
            JournalStore facts = new PersistentJournalStore(node.system, Duration.ofSeconds(30));
            int exit = ExitCodes.OK;
            for (CompiledProtocol protocol : compiled.get()) {
                exit = Math.max(exit, run(protocol, facts, vars, node.system, out));
            }
            out.println("journal: " + journal.journal + ".mv.db");
            return exit;
        }
    }

    private int run(CompiledProtocol protocol, JournalStore journal, Map<String, Object> vars,
                    ActorSystem<Sessions.Start> system, PrintWriter out) throws Exception {
        Bindings b = bindings.resolvedFor(protocol).bindings();
        SessionSpec session = DurableSessions.durable(SessionSpec.of(protocol).withBindings(b).withTimeout(timeout)
                .withTrace(true)   // run prints every message
                .withHandlers(new ExampleHandlers(vars, handlerOptions.iterations))
                .withExtensions(enforcement.apply(Extensions.defaults().withJournal(journal), List.of(protocol))));
        if (sessionId != null) {
            try {
                session = session.withSessionId(sessionId + (protocols.size() > 1
                        ? "-" + protocol.displayName(protocols) : ""));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--session: " + e.getMessage());
            }
        }
        out.println("running " + protocol.name() + " (session " + session.sessionId() + ")");
        if (!b.instanceNames().isEmpty()) {
            List<String> named = new java.util.ArrayList<>();
            io.choreo.projection.local.Participants.of(protocol, bindings.resolvedFor(protocol)).values()
                    .forEach(p -> {
                        if (!b.instanceName(p).equals(p.name())) {
                            named.add(p.name() + "=" + b.instanceName(p));
                        }
                    });
            out.println("instances: " + String.join(", ", named));
        }
        long start = System.nanoTime();
        SessionOutcome outcome = Sessions.run(system, session, system).toCompletableFuture()
                .get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<TraceEvent> trace = outcome instanceof SessionOutcome.SessionCompleted c ? c.trace()
                : ((SessionOutcome.SessionFailed) outcome).trace();
        for (int i = 0; i < trace.size(); i++) {
            out.printf("  %3d. %s%n", i + 1, trace.get(i));
        }
        Map<String, Set<String>> facts = journal.facts(session.sessionId()).toCompletableFuture().get();
        if (!facts.isEmpty()) {
            out.println("journal facts:");
            facts.forEach((participant, f) -> out.println("  " + participant + ": " + String.join(", ", f)));
        }
        if (outcome instanceof SessionOutcome.SessionFailed f) {
            out.println("FAILED after " + millis + " ms: " + f.cause().describe());
            return ExitCodes.INVALID;
        }
        long messages = ((SessionOutcome.SessionCompleted) outcome).messages();
        if (messages > trace.size()) {
            out.println("  ... and " + (messages - trace.size()) + " more messages (the trace keeps the first "
                    + trace.size() + "; the journal has them all)");
        }
        out.println("completed in " + millis + " ms: " + messages + (messages == 1 ? " message" : " messages"));
        return ExitCodes.OK;
    }
}
