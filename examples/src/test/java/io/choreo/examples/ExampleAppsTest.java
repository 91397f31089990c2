package io.choreo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.choreo.runtime.extension.InMemoryJournal;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ExampleAppsTest {
    static final ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), "examples");

    @AfterAll
    static void stop() {
        system.terminate();
    }

    static Path example(String name) {
        Path here = Path.of(name);
        return Files.exists(here) ? here : Path.of("examples").resolve(name);
    }

    @Test
    void twoPhaseCommitCommitsWhenEveryoneVotesYes() throws Exception {
        SessionOutcome.SessionCompleted done = assertInstanceOf(SessionOutcome.SessionCompleted.class,
                TwoPhaseCommitApp.run(system, example("two_phase_commit.choreo"), List.of("alice", "bob", "carol"),
                        Set.of()));
        assertEquals("commit", done.results().get("Coordinator"));
        assertEquals("Commit", done.results().get("Participants[2]"));
    }

    @Test
    void twoPhaseCommitAbortsWhenOneRefuses() throws Exception {
        SessionOutcome.SessionCompleted done = assertInstanceOf(SessionOutcome.SessionCompleted.class,
                TwoPhaseCommitApp.run(system, example("two_phase_commit.choreo"), List.of("alice", "bob", "carol"),
                        Set.of("bob")));
        assertEquals("abort", done.results().get("Coordinator"));
        assertEquals("Abort", done.results().get("Participants[0]"));
    }

    @Test
    void thresholdSigningCombinesAQuorumAndPublishes() throws Exception {
        InMemoryJournal journal = new InMemoryJournal();
        SessionOutcome.SessionCompleted done = assertInstanceOf(SessionOutcome.SessionCompleted.class,
                ThresholdSigningApp.run(system, example("threshold_signing.choreo"), 5, 3, journal));
        String signature = "sig(Signers[0])+sig(Signers[1])+sig(Signers[2])";
        assertEquals(signature, done.results().get("Aggregator"));
        assertEquals(signature, done.results().get("Signers[4]"), "every signer learns the published signature");
        assertEquals(Map.of("Aggregator", Set.of("signature_published")),
                journal.facts(done.sessionId()).toCompletableFuture().get());
    }
}
