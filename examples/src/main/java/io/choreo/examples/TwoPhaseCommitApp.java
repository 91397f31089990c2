package io.choreo.examples;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Two-phase commit over {@code examples/two_phase_commit.choreo}: participants vote (one may refuse); the
 * coordinator's guard {@code yes_votes == participants} commits or aborts, and every participant learns which.
 */
public final class TwoPhaseCommitApp {
    private TwoPhaseCommitApp() {
    }

    /** What one participant votes. */
    public record Ballot(String participant, boolean yes) {
    }

    /** The transaction being prepared. */
    public record Transaction(String id, long amountCents) {
    }

    /** Runs one transaction; {@code refusing} names participants that vote no. */
    public static SessionOutcome run(ActorSystem<Sessions.Start> system, Path choreo, List<String> participants,
                                     Set<String> refusing) throws Exception {
        CompiledProtocol protocol = Compiler.compile(choreo).protocol(null);
        SessionSpec spec = SessionSpec.of(protocol).bindInstances("Participants", participants)
                .withTimeout(Duration.ofSeconds(10))
                .withHandlers((role, participant, name) -> role.equals("Coordinator") ? new Coordinator(participants.size())
                        : new Participant(name, !refusing.contains(name)));
        return Sessions.run(system, spec, system).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Counts yes votes and supplies them to the commit guard; its result is the decision. */
    static final class Coordinator implements RoleHandler {
        private final int participants;
        private int yes;
        private String decision = "undecided";

        Coordinator(int participants) {
            this.participants = participants;
        }

        @Override
        public Object payload(SendContext send) {
            return send.label().equals("Prepare") ? new Transaction("tx-1", 12_500) : null;
        }

        @Override
        public void received(ReceiveContext r) {
            if (r.payload() instanceof Ballot b && b.yes()) {
                yes++;
            }
        }

        @Override
        public Map<String, ?> guardVariables(ChoiceContext choice) {
            return Map.of("yes_votes", yes, "participants", participants);
        }

        @Override
        public String choose(ChoiceContext choice) {
            decision = RoleHandler.super.choose(choice);
            return decision;
        }

        @Override
        public Object result() {
            return decision;
        }
    }

    /** Votes, then records what the coordinator decided. */
    static final class Participant implements RoleHandler {
        private final String name;
        private final boolean yes;
        private String outcome = "unknown";

        Participant(String name, boolean yes) {
            this.name = name;
            this.yes = yes;
        }

        @Override
        public Object payload(SendContext send) {
            return send.label().equals("Vote") ? new Ballot(name, yes) : null;
        }

        @Override
        public void received(ReceiveContext r) {
            if (r.label().equals("Commit") || r.label().equals("Abort")) {
                outcome = r.label();
            }
        }

        @Override
        public Object result() {
            return outcome;
        }
    }

    public static void main(String[] args) throws Exception {
        ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), "two-phase-commit");
        try {
            Path file = Path.of(args.length > 0 ? args[0] : "examples/two_phase_commit.choreo");
            for (Set<String> refusing : List.of(Set.<String>of(), Set.of("carol"))) {
                SessionOutcome outcome = run(system, file, List.of("alice", "bob", "carol"), refusing);
                System.out.println("refusing " + refusing + " -> " + (outcome instanceof SessionOutcome.SessionCompleted c
                        ? c.results() : ((SessionOutcome.SessionFailed) outcome).cause().describe()));
            }
        } finally {
            system.terminate();
        }
    }
}
