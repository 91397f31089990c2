package io.choreo.cli;

import io.choreo.persistence.audit.AuditQuery;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo audit SESSION}: what the journal holds of a session. */
@Command(name = "audit", description = "Read a session back from the journal: messages, decisions and facts.")
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session id printed by run.")
    String sessionId;

    @Mixin
    JournalOption journal;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        journal.checkReadable();
        try (EmbeddedNode node = EmbeddedNode.reading(journal.journal)) {
            AuditQuery.SessionAudit audit = new AuditQuery(node.system).session(sessionId).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            if (audit.events() == 0) {
                spec.commandLine().getErr().println("choreo: no events of session " + sessionId + " in "
                        + journal.journal + ".mv.db");
                return ExitCodes.INVALID;
            }
            out.println("session " + sessionId + ": " + audit.events() + " events");
            out.println("messages:");
            audit.sent().forEach(m -> out.println("  " + m));
            if (!audit.decisions().isEmpty()) {
                out.println("decisions:");
                audit.decisions().forEach((p, d) -> out.println("  " + p + ": " + String.join(", ", d)));
            }
            if (!audit.facts().isEmpty()) {
                out.println("facts:");
                audit.facts().forEach((p, f) -> out.println("  " + p + ": " + String.join(", ", f)));
            }
            for (AuditQuery.Failure f : audit.failures()) {
                out.println("failed: " + f.participant() + " consumed " + f.consumed().stream()
                        .map(AuditQuery.Message::toString).collect(java.util.stream.Collectors.joining(", "))
                        + ", then failed: " + f.error());
            }
            List<AuditQuery.Message> never = audit.neverConsumed();
            if (never.isEmpty()) {
                out.println(audit.failures().isEmpty() ? "every message sent was consumed exactly once"
                        : "every message sent was consumed (delivered), some by a participant that then failed");
            } else {
                out.println(never.size() + (never.size() == 1 ? " message" : " messages")
                        + " sent but never consumed (not delivered, or not yet): " + never.stream()
                        .map(AuditQuery.Message::toString).collect(java.util.stream.Collectors.joining(", ")));
            }
            return ExitCodes.OK;
        }
    }
}
