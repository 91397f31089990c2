package io.choreo.examples;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryCapabilities;
import io.choreo.runtime.extension.InMemoryJournal;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Threshold signing over {@code examples/threshold_signing.choreo}: a quorum of the signers returns partial
 * signatures, the aggregator combines them and publishes the signature to everyone (a journal fact records it).
 */
public final class ThresholdSigningApp {
    private ThresholdSigningApp() {
    }

    public record Share(int index) {
    }

    public record Signature(String value) {
    }

    /** Runs one signing with {@code signers} signers and quorum {@code quorum}. */
    public static SessionOutcome run(ActorSystem<Sessions.Start> system, Path choreo, int signers, int quorum,
                                     InMemoryJournal journal) throws Exception {
        CompiledProtocol protocol = Compiler.compile(choreo).protocol(null);
        SessionSpec spec = SessionSpec.of(protocol).bindRoleCount("Signers", signers).bindSymbol("quorum", quorum)
                .withTimeout(Duration.ofSeconds(10))
                .withExtensions(Extensions.defaults().withJournal(journal)
                        .withCapabilities(new InMemoryCapabilities().grant("Dealer", "distribute_keys")))
                .withHandlers((role, participant, name) -> switch (role) {
                    case "Aggregator" -> new Aggregator();
                    case "Signers" -> new Signer(participant);
                    default -> new RoleHandler() {
                        @Override
                        public Object payload(SendContext send) {
                            return new Share(0);
                        }
                    };
                });
        return Sessions.run(system, spec, system).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Combines partial signatures; its result is the published signature. */
    static final class Aggregator implements RoleHandler {
        private final List<String> partials = new ArrayList<>();

        @Override
        public void received(ReceiveContext r) {
            if (r.payload() instanceof Signature s) {
                partials.add(s.value());
            }
        }

        @Override
        public Object payload(SendContext send) {
            return send.label().equals("Published") ? new Signature(String.join("+", partials)) : null;
        }

        @Override
        public Object result() {
            return String.join("+", partials);
        }
    }

    /** Signs with its share. */
    static final class Signer implements RoleHandler {
        private final String name;
        private String published = "";

        Signer(String name) {
            this.name = name;
        }

        @Override
        public Object payload(SendContext send) {
            return new Signature("sig(" + name + ")");
        }

        @Override
        public void received(ReceiveContext r) {
            if (r.payload() instanceof Signature s) {
                published = s.value();
            }
        }

        @Override
        public Object result() {
            return published;
        }
    }

    public static void main(String[] args) throws Exception {
        ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), "threshold-signing");
        try {
            InMemoryJournal journal = new InMemoryJournal();
            SessionOutcome outcome = run(system, Path.of(args.length > 0 ? args[0] : "examples/threshold_signing.choreo"),
                    5, 3, journal);
            System.out.println(outcome instanceof SessionOutcome.SessionCompleted c ? c.results()
                    : ((SessionOutcome.SessionFailed) outcome).cause().describe());
            System.out.println("facts: " + journal.facts(outcome.sessionId()).toCompletableFuture().get());
        } finally {
            system.terminate();
        }
    }
}
