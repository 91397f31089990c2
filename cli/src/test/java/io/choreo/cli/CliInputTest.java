package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cli.ChoreoCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad command lines: each is one human sentence on stderr and exit code 2, before anything runs. */
class CliInputTest {

    static Run run(String... args) {
        return ChoreoCommandTest.run(args);
    }

    static String example(String name) {
        return ChoreoCommandTest.example(name);
    }

    /** Runs {@code args}, asserting exit code {@code exit}. */
    static Run exits(int exit, String... args) {
        Run r = run(args);
        assertEquals(exit, r.exit(), r.out() + r.err());
        return r;
    }

    /** Exit 2 with one line "choreo: …" containing {@code expected}, and nothing Java-ish in it. */
    static void assertUsageError(Run r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("choreo: ") && first.contains(expected), r.err());
        assertTrue(r.err().lines().count() <= 2, "one line (and a pointer to --help): " + r.err());
        assertFalse(r.err().contains("java.") || r.err().contains("For input string")
                || r.err().contains("Exception"), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown --bind role          | consensus.choreo   | --bind       | Folowers=5  | no role array 'Folowers'",
        "--bind of a single role      | consensus.choreo   | --bind       | Leader=2    | Leader is a single role",
        "zero instances               | consensus.choreo   | --bind       | Followers=0 | must be a positive number",
        "unknown --symbol             | threshold.choreo   | --symbol     | treshold=2  | uses no symbol 'treshold'",
        "unknown --var                | conditional.choreo | --var        | blance=1    | no guard reads 'blance'",
        "text where a number is used  | conditional.choreo | --var        | balance=abc | uses balance as a number",
        "negative iterations          | decision_loop.choreo | --iterations | -1        | must be 0 or more",
        "non-numeric iterations       | decision_loop.choreo | --iterations | abc       | 'abc' is not an int",
        "grant to an unknown role     | secure.choreo      | --grant      | Clint=x     | no role 'Clint'",
        "negative budget              | budgeted.choreo    | --budget     | -5          | must be 0 or more",
        "a timeout that is no duration | negotiation.choreo | --timeout   | abc         | 'abc' is not a duration",
    })
    void runRefusesBadOptions(String name, String file, String option, String value, String expected,
                              @TempDir Path dir) {
        assertUsageError(run("run", example(file), "--journal", dir.resolve("j").toString(), option, value),
                expected);
    }

    /** One binding check for every entry point: run, simulate and node say the same, before anything starts. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--bind   | Folowers=5         | --bind Folowers: the protocol has no role array 'Folowers'",
        "--bind   | Leader=alice,bob   | --bind Leader: Leader is a single role",
        "--symbol | zzz=3              | --symbol zzz: the protocol uses no symbol 'zzz' (symbols: N)",
        "--bind   | Followers=alice,,x | give a count or distinct instance names",
    })
    void everyEntryPointChecksBindingsAlike(String option, String value, String expected, @TempDir Path dir) {
        String consensus = example("consensus.choreo");
        String journal = dir.resolve("j").toString();
        assertUsageError(run("run", consensus, "--journal", journal, option, value), expected);
        assertUsageError(run("simulate", consensus, option, value), expected);
        assertUsageError(run("node", "--port", "26397", "--seeds", "127.0.0.1:26397", "--members", "1", "--journal",
                journal, "--protocols", consensus, "--run", consensus, option, value), expected);
    }

    @Test
    void nodeRefusesAConsolePortOutOfRange() {
        assertUsageError(run("node", "--port", "26399", "--seeds", "127.0.0.1:26399", "--console-port", "70000"),
                "a port is 1 to 65535");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown crash participant    | --faults | crash=Byer@2               | no participant 'Byer'",
        "unknown journal participant  | --faults | journal=Sellr@1             | no participant 'Sellr'",
        "unknown partition member     | --faults | partition=Buyer+Selr@1-5   | no participant 'Selr'",
        "negative delay               | --faults | delay=-5                    | delay must be a positive number",
        "zero delay                   | --faults | delay=0                     | delay must be a positive number",
        "inverted window              | --faults | partition=Buyer@400-100     | window 400-100 must start",
        "non-numeric delay            | --faults | delay=abc                   | not 'abc'",
        "zero seeds                   | --seeds  | 0                           | must be 1 or more",
        "negative seeds               | --seeds  | -3                          | must be 1 or more",
        "negative iterations          | --iterations | -2                      | must be 0 or more",
        "a --var no guard reads       | --var    | balance=5                   | no guard reads 'balance'",
    })
    void simulateRefusesBadOptions(String name, String option, String value, String expected) {
        assertUsageError(run("simulate", example("negotiation.choreo"), option, value), expected);
    }

    @Test
    void aBinaryFileIsRejectedInOneDiagnostic(@TempDir Path dir) throws Exception {
        Path blob = dir.resolve("blob.choreo");
        byte[] bytes = new byte[2_000_000];
        new Random(1).nextBytes(bytes);
        Files.write(blob, bytes);
        Run r = run("check", blob.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("is not a UTF-8 text file"), r.err());
        assertTrue(r.err().lines().count() < 10, "a few lines, not a flood: " + r.err().lines().count());
    }

    @Test
    void manyErrorsAreCappedAtFifty(@TempDir Path dir) throws Exception {
        Path noisy = dir.resolve("noisy.choreo");
        Files.writeString(noisy, "choreography A { roles: A, B; A -> B: M; }\n" + "$ ".repeat(5000));
        Run r = run("check", noisy.toString());
        assertEquals(1, r.exit());
        assertEquals(50, r.err().lines().filter(l -> l.contains("error[E003]")).count());
        assertTrue(r.err().contains("and 4950 more diagnostics"), r.err());
    }

    @Test
    void checkOfADirectoryWithoutChoreoFilesIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "nothing here");
        assertUsageError(run("check", dir.toString()), "no .choreo files under");
    }

    @Test
    void anUnusableJournalIsOneLine(@TempDir Path dir) throws Exception {
        assertUsageError(run("run", example("negotiation.choreo"), "--journal", "/proc/nope/j"),
                "--journal /proc/nope/j: cannot create the directory");
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        assertUsageError(run("run", example("negotiation.choreo"), "--journal", file.resolve("j").toString()),
                "cannot create the directory");
        Path garbage = dir.resolve("garbage");
        Files.writeString(dir.resolve("garbage.mv.db"), "this is not an H2 database ".repeat(200));
        assertUsageError(run("run", example("negotiation.choreo"), "--journal", garbage.toString()),
                "the journal cannot be opened");
        assertUsageError(run("audit", "s", "--journal", "/proc/nope/j"), "there is no journal /proc/nope/j.mv.db");
    }

    @Test
    void checkCountsRolesAndParticipants() {
        Run r = run("check", example("ring.choreo"), "--no-deadlock-check");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ok (1 role, 4 participants)"), r.out());
        Run consensus = run("check", example("consensus.choreo"), "--bind", "Followers=5", "--no-deadlock-check");
        assertTrue(consensus.out().contains("ok (2 roles, 6 participants)"), consensus.out());
    }

    @Test
    void grantDenyAndBudgetEnforceWithoutJava(@TempDir Path dir) {
        String journal = dir.resolve("j").toString();
        Run granted = run("run", example("secure.choreo"), "--journal", journal, "--grant", "Client=send_request",
                "--grant", "Server=process_request");
        assertEquals(0, granted.exit(), granted.out() + granted.err());
        Run notGranted = run("run", example("secure.choreo"), "--journal", journal, "--grant", "Client=send_request",
                "--session", "denied-reply");
        assertEquals(1, notGranted.exit(), notGranted.out());
        assertTrue(notGranted.out().contains("Server lacks capability 'process_request'"), notGranted.out());
        assertTrue(notGranted.out().contains("no --grant Server=process_request"), notGranted.out());
        // audit tells delivered-then-failed from never delivered: the Server consumed the Request, then failed
        Run audit = run("audit", "denied-reply", "--journal", journal);
        assertEquals(0, audit.exit(), audit.err());
        assertTrue(audit.out().contains("failed: Server consumed Client -> Server: Request, then failed: Server "
                + "lacks capability 'process_request' to send Response"), audit.out());
        assertTrue(audit.out().contains("every message sent was consumed (delivered), some by a participant that "
                + "then failed"), audit.out());
        assertFalse(audit.out().contains("not (yet) consumed") || audit.out().contains("never consumed"),
                audit.out());
        Run denied = run("run", example("secure.choreo"), "--journal", journal, "--deny", "send_request");
        assertEquals(1, denied.exit(), denied.out());
        assertTrue(denied.out().contains("denied with --deny send_request"), denied.out());
        Run broke = run("run", example("auditable.choreo"), "--journal", journal, "--budget", "50");
        assertEquals(1, broke.exit(), broke.out());
        assertTrue(broke.out().contains("exceeds the remaining budget 50"), broke.out());
    }

    @Test
    void bindTakesInstanceNames(@TempDir Path dir) {
        Run r = run("run", example("consensus.choreo"), "--journal", dir.resolve("j").toString(),
                "--bind", "Followers=alice,bob,carol");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("instances: Followers[0]=alice, Followers[1]=bob, Followers[2]=carol"),
                r.out());
        assertTrue(r.out().contains("Followers[2] -> Leader") && !r.out().contains("Followers[3]"), r.out());
    }

    static final String REC = io.choreo.dsl.TestCorpus.POLL;

    @Test
    void recursionRunsAndSimulatesTheGivenIterations(@TempDir Path dir) throws Exception {
        Path poll = dir.resolve("poll.choreo");
        Files.writeString(poll, REC);
        Run r = run("run", poll.toString(), "--journal", dir.resolve("j").toString(), "--iterations", "3");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(3, r.out().lines().filter(l -> l.contains("A -> B: Ping")).count(), r.out());
        assertTrue(r.out().contains("completed in") && r.out().contains(": 7 messages"), r.out());
        Run sim = run("simulate", poll.toString(), "--seed", "1");
        assertEquals(0, sim.exit(), sim.out() + sim.err());
        assertTrue(sim.out().contains("Poll seed 1: completed"), sim.out());
    }

    @Test
    void aGuardNoBranchSatisfiesFailsTheRunWithATypedError(@TempDir Path dir) throws Exception {
        Path guarded = dir.resolve("guarded.choreo");
        Files.writeString(guarded, """
                choreography Guarded {
                    roles: C, S;
                    choice C {
                        a when (x > 1): { C -> S: A; }
                        b when (x > 5): { C -> S: B; }
                    }
                }
                """);
        Run r = run("run", guarded.toString(), "--journal", dir.resolve("j").toString(), "--var", "x=0");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("no branch of the choice at line 3 is enabled for C"), r.out());
        assertTrue(r.out().contains("{x=0}"), r.out());
        assertFalse(r.out().contains("C -> S: B"), r.out());
    }

    @Test
    void aSessionIdWithAnyCharactersRuns(@TempDir Path dir) {
        Run r = run("run", example("negotiation.choreo"), "--journal", dir.resolve("j").toString(), "--session",
                "order(42)/a");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("(session order(42)/a)"), r.out());
    }

    @Test
    void simulatedTimeoutsExitOneUnlessTheFaultPlanExplainsThem() {
        Run explained = run("simulate", example("negotiation.choreo"), "--faults", "partition=Buyer@0-99999999",
                "--timeout", "PT2S");
        assertEquals(0, explained.exit(), explained.out() + explained.err());
        assertTrue(explained.out().contains("timed out as the fault plan requires: the partition of Buyer"),
                explained.out());
        Run unexplained = run("simulate", example("negotiation.choreo"), "--timeout", "PT0.001S");
        assertEquals(1, unexplained.exit(), unexplained.out() + unexplained.err());
        assertTrue(unexplained.out().contains("timed out although the fault plan allows completion"),
                unexplained.out());
    }

    /** simulate takes --var as run does; a run that ends in a typed error no fault causes exits 1. */
    @Test
    void simulateTakesGuardVariablesAndFailsOnErrorsNoFaultCauses() {
        String conditional = example("conditional.choreo");
        String buy = exits(0, "simulate", conditional, "--var", "balance=100", "--var", "price=50").out();
        assertTrue(buy.contains("ConditionalProtocol seed 1: completed") && buy.contains("Client -> Server: Purchase"),
                buy);
        String cancel = exits(0, "simulate", conditional, "--var", "balance=10", "--var", "price=50").out();
        assertTrue(cancel.contains("Client -> Server: Cancel"), cancel);
        String unguarded = exits(1, "simulate", conditional).out();
        assertTrue(unguarded.contains("ended with GuardFailed, which no injected fault causes: exit 1"), unguarded);
    }

    /** A sweep says for each seed that did not complete why it ended. */
    @Test
    void aSweepSaysPerSeedWhyARunEnded() {
        String guarded = exits(1, "simulate", example("conditional.choreo"), "--seeds", "3").out();
        for (int seed = 1; seed <= 3; seed++) {
            assertTrue(guarded.contains("seed " + seed + ": GuardFailed — "), guarded);
        }
        assertTrue(guarded.contains("runs ended with GuardFailed, which no injected fault causes: exit 1"), guarded);
        String lossy = exits(0, "simulate", example("negotiation.choreo"), "--seeds", "5", "--faults",
                "partition=Buyer@0-99999999", "--timeout", "PT1S").out();
        assertTrue(lossy.contains("seed 5: SessionTimedOut — "), lossy);
    }

    /** The same protocol name in two namespaces: both check; --protocol takes the qualified name. */
    @Test
    void qualifiedProtocolNamesSelectAmongNamespaces(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ops.choreo");
        Files.writeString(file, io.choreo.dsl.TestCorpus.TWO_NAMESPACES);
        String check = exits(0, "check", file.toString()).out();
        assertTrue(check.contains("admin_operations.AdminOperations ok")
                && check.contains("user_operations.AdminOperations ok"), check);
        assertEquals("A: B!Ask; end\nB: A?Ask; end\n", exits(0, "project", file.toString(), "--protocol",
                "user_operations.AdminOperations").out().replace("\r", ""));
        String sim = exits(0, "simulate", file.toString(), "-p", "admin_operations.AdminOperations").out();
        assertTrue(sim.contains("A -> B: Grant"), sim);
        String both = exits(0, "run", file.toString(), "--journal", dir.resolve("j").toString(), "--session", "ops")
                .out();
        assertTrue(both.contains("(session ops-admin_operations.AdminOperations)")
                && both.contains("(session ops-user_operations.AdminOperations)"), both);
        assertUsageError(run("project", file.toString(), "--protocol", "AdminOperations"),
                "declared in several namespaces; name one of [admin_operations.AdminOperations, "
                        + "user_operations.AdminOperations]");
    }
}
