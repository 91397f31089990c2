package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.oracle.Oracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Timed choices: validation (E240–E242, the late-message race), projection, and the check at the checking sizes. */
class TimedChoiceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no timeout branch        | E240 | 1 | 31 | choreography C { roles: A, B; choice B within 5s { r: { A -> B: R; } } }
            awaited from decider     | E241 | 1 | 57 | choreography C { roles: A, B; choice B within 5s { r: { B -> A: R; } timeout: { B -> A: T; } } }
            guard on awaited branch  | E241 | 1 | 52 | choreography C { roles: A, B; choice B within 5s { r when (x): { A -> B: R; } timeout: { A -> B: R; B -> A: T; } } }
            late message race        | E242 | 1 | 57 | choreography C { roles: A, B; choice B within 5s { r: { A -> B: R; } timeout: { B -> A: T; } } }
            late gather race         | E242 | 1 | 60 | choreography C { roles: A, W[N]; choice A within 1s { v: { W[i] -> A: V; } timeout: { A -> W[*]: T; } } }
            inside parallel          | E243 | 1 | 42 | choreography C { roles: A, B; parallel { choice B within 5s { r: { A -> B: R; } timeout: { A -> B: R; B -> A: T; } } } and { B -> A: X; } }
            consumes the wrong label | E242 | 1 | 57 | choreography C { roles: A, B; choice B within 5s { r: { A -> B: R; } timeout: { A -> B: Q; B -> A: T; } } }
            consumed only in a choice | E244 | 1 | 108 | choreography C { roles: A, B; choice B within 5s { r: { A -> B: R; } timeout: { choice B { x: { B -> A: X; A -> B: R; } y: { B -> A: Y; } } } } }
            consumed only in a loop  | E244 | 1 | 110 | choreography C { roles: A, B; choice B within 5s { r: { A -> B: R; } timeout: { B -> A: T; loop (count: 2) { A -> B: R; } } } }
            consumed twice           | E244 | 1 | 103 | choreography C { roles: A, B; choice B within 5s { r: { A -> B: R; } timeout: { B -> A: T; A -> B: R; A -> B: R; } } }
            sender acts before it    | E244 | 1 | 92 | choreography C { roles: A, B; choice B within 5s { r: { A -> B: R; } timeout: { B -> A: T; A -> B: N; A -> B: R; } } }
            gather sender acts first | E244 | 1 | 101 | choreography C { roles: A, W[N]; choice A within 1s { v: { W[i] -> A: V; } timeout: { A -> W[*]: T; W[i] -> A: N; W[i] -> A: V; } } }
            """)
    void reportsEachErrorWithItsLocation(String kind, String code, int line, int column, String text) {
        Compiler.Compilation c = ValidationTest.compile(text);
        Diagnostic d = ValidationTest.only(c, code);
        assertEquals(line + ":" + column, d.span().position(), () -> kind + "\n" + c.render());
        assertTrue(c.render().contains("hint: "), c::render);
    }

    @Test
    void theRaceNamesTheLateMessageAndTheTimeoutBranch() {
        Compiler.Compilation c = ValidationTest.compile("""
                choreography Race { roles: Coordinator, Voters[N];
                  choice Coordinator within 5s {
                    vote: { Voters[i] -> Coordinator: Vote; Coordinator -> Voters[*]: Commit; }
                    timeout: { Coordinator -> Voters[*]: Abort; }
                  }
                }""");
        Diagnostic d = ValidationTest.only(c, "E242");
        assertTrue(d.message().contains("Voters[i] sends Vote to Coordinator") && d.message().contains("5s"),
                d.message());
        assertEquals("3:13", d.span().position());
        assertEquals("4:5", d.related().position(), c::render);
    }

    @Test
    void projectsTheDecidersTimedChoiceAndMergesTheOthers() throws Exception {
        CompiledProtocol p = Compiler.compile(Path.of("../examples/two_phase_commit_deadline.choreo")).protocol();
        assertFalse(p.hasErrors(), p.diagnostics()::toString);
        assertEquals("Participants[*]!Prepare; Participants[i]&{vote: Participants[i]?Vote; Participants[*]!Decision; "
                + "Participants[i]?Ack; end | timeout(5s): Participants[*]!Abort; Participants[i]?Vote; "
                + "Participants[i]?Ack; end}", p.print("Coordinator"));
        assertEquals("Coordinator?Prepare; Coordinator!Vote; Coordinator&{Decision: Coordinator?Decision; "
                + "Coordinator!Ack; end | Abort: Coordinator?Abort; Coordinator!Ack; end}", p.print("Participants"));
        Checker.Result r = Checker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
        assertFalse(r.hasErrors(), r.diagnostics()::toString);
        assertEquals(Oracle.Kind.EQUIVALENT, r.oracle().kind(), r.oracle()::detail);
    }

    @Test
    void theTimeoutBranchMayActFirstAndConsumeTheLateVotesAfter() {
        CompiledProtocol p = ValidationTest.compile("""
                choreography ActFirst { roles: Coordinator, Voters[N];
                  Coordinator -> Voters[*]: Prepare;
                  choice Coordinator within 5s {
                    vote:    { Voters[i] -> Coordinator: Vote; Coordinator -> Voters[*]: Commit; }
                    timeout: { Coordinator -> Voters[*]: Abort; Voters[i] -> Coordinator: Vote; }
                  }
                  Voters[i] -> Coordinator: Ack;
                }""").protocol();
        assertFalse(p.hasErrors(), p.diagnostics()::toString);
        assertEquals("Voters[*]!Prepare; Voters[i]&{vote: Voters[i]?Vote; Voters[*]!Commit; Voters[i]?Ack; end | "
                + "timeout(5s): Voters[*]!Abort; Voters[i]?Vote; Voters[i]?Ack; end}", p.print("Coordinator"));
        assertEquals("Coordinator?Prepare; Coordinator!Vote; Coordinator&{Commit: Coordinator?Commit; "
                + "Coordinator!Ack; end | Abort: Coordinator?Abort; Coordinator!Ack; end}", p.print("Voters"));
        for (int n = 1; n <= 3; n++) {
            Checker.Result r = Checker.check(p, Bindings.none().bindRoleCount("Voters", n),
                    DeadlockChecker.Options.DEFAULT);
            assertFalse(r.hasErrors(), r.diagnostics()::toString);
            assertEquals(Oracle.Kind.EQUIVALENT, r.oracle().kind(), r.oracle()::detail);
        }
    }

    @Test
    void aDeadlineMayBeAVariableOnASingleReceive() {
        CompiledProtocol p = ValidationTest.compile("""
                choreography Offer { roles: Buyer, Seller;
                  choice Seller within offer_ttl {
                    offer: { Buyer -> Seller: Offer(Price); Seller -> Buyer: Accept; }
                    timeout: { Buyer -> Seller: Offer(Price); Seller -> Buyer: Expired; }
                  }
                }""").protocol();
        assertEquals("Buyer&{offer: Buyer?Offer; Buyer!Accept; end | timeout(offer_ttl): Buyer?Offer; "
                + "Buyer!Expired; end}", p.print("Seller"));
        assertEquals("Seller!Offer; Seller&{Accept: Seller?Accept; end | Expired: Seller?Expired; end}",
                p.print("Buyer"));
    }

    /**
     * A seeded sweep over timed choices: awaited sender plain or a gather, the timeout branch consuming the late
     * message or not, other roles told or not. E242 exactly when the late message is not consumed; every protocol
     * accepted passes the deadlock/orphan check and the oracle.
     */
    @Test
    void sweepRejectsExactlyTheRacesAndAcceptsOnlySoundProtocols() {
        long seed = Long.getLong("choreo.seed", System.nanoTime());
        Random random = new Random(seed);
        int accepted = 0;
        int races = 0;
        for (int round = 0; round < 60; round++) {
            boolean gather = random.nextBoolean();
            boolean consumes = random.nextInt(3) > 0;
            boolean tellsObserver = random.nextBoolean();
            String sender = gather ? "W[i]" : "S";
            String toSender = gather ? "W[*]" : "S";
            List<String> timeout = new ArrayList<>();
            timeout.add("C -> " + toSender + ": Abort;");
            timeout.add("C -> O: Note;");
            if (consumes) {
                // the late vote anywhere in the top-level sequence: before, between or after what C does
                timeout.add(random.nextInt(timeout.size() + 1), sender + " -> C: Vote;");
            }
            String observer = tellsObserver ? "C -> O: Done;" : "";
            String text = "choreography Sweep { roles: C, S, W[N], O; C -> S: Start; C -> W[*]: Start; "
                    + "choice C within " + (1 + random.nextInt(500)) + "ms { vote: { " + sender + " -> C: Vote; C -> "
                    + toSender + ": Commit; " + observer + " } timeout: { " + String.join(" ", timeout) + " "
                    + observer + " } } C -> O: Bye; }";
            String context = "seed " + seed + " round " + round + ": " + text;
            Compiler.Compilation c = ValidationTest.compile(text);
            boolean race = c.diagnostics().stream().anyMatch(d -> d.code().equals("E242"));
            assertEquals(!consumes, race, () -> context + "\n" + c.render());
            if (!consumes) {
                races++;
                continue;
            }
            assertFalse(c.hasErrors(), () -> context + "\n" + c.render());
            Checker.Result r = Checker.check(c.protocol(), Bindings.none(), DeadlockChecker.Options.DEFAULT);
            assertFalse(r.hasErrors(), () -> context + "\n" + r.diagnostics());
            assertEquals(Oracle.Kind.EQUIVALENT, r.oracle().kind(), () -> context + "\n" + r.oracle().detail());
            accepted++;
        }
        assertTrue(accepted > 0 && races > 0, "seed " + seed + ": the sweep covered both outcomes");
    }
}
