package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: outputs, exit codes, and no stack traces. */
class ChoreoCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ChoreoCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        return new Run(exit, out.toString(), err.toString());
    }

    static String example(String name) {
        return TestCorpus.examples().resolve(name).toString();
    }

    @Test
    void checkPassesTheWholeExamplesDirectory() {
        Run r = run("check", TestCorpus.examples().toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Negotiation ok (2 roles), deadlock-free"), r.out());
        assertTrue(r.err().contains("warning[W202]: instance Worker[2]"), "warnings are shown: " + r.err());
    }

    @Test
    void checkReportsErrorsWithLocationsAndExitsOne(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.choreo");
        Files.writeString(bad, "choreography X { roles: Alpha, Beta;\n  Alpha -> Betta: M;\n  Alpha[flow_cost = \"x\"] -> Beta: N;\n}\n");
        Run r = run("check", bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bad.choreo:2:12: error[E102]: undefined role 'Betta'"), r.err());
        assertTrue(r.err().contains("did you mean 'Beta'?"), r.err());
        assertTrue(r.err().contains("bad.choreo:3:21: error[E042]"), r.err());
        assertTrue(r.err().indexOf(":2:12:") < r.err().indexOf(":3:21:"), "source order");
        assertTrue(r.out().contains("2 errors"), r.out());
    }

    @Test
    void projectPrintsTheCanonicalNotation() {
        Run r = run("project", example("negotiation.choreo"), "--role", "Buyer");
        assertEquals(0, r.exit(), r.err());
        assertEquals("Seller!Offer; Seller&{accept: Seller?Accept; end | reject: Seller?Reject; end}\n", r.out());
        Run all = run("project", example("negotiation.choreo"));
        assertEquals(2, all.out().lines().count(), all.out());
    }

    @Test
    void projectConcreteInstancesWithBindings() {
        Run r = run("project", example("consensus.choreo"), "--concrete", "--bind", "Followers=2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Leader: Followers[0]!Proposal; Followers[1]!Proposal; Followers[0]?Vote; "
                + "Followers[1]?Vote; end"), r.out());
        assertTrue(r.out().contains("Followers[1]: Leader?Proposal; Leader!Vote; end"), r.out());
    }

    @Test
    void graphInBothFormats() {
        Run mermaid = run("graph", example("negotiation.choreo"));
        assertTrue(mermaid.out().startsWith("sequenceDiagram"), mermaid.out());
        Run dot = run("graph", example("negotiation.choreo"), "--format", "dot", "--role", "Seller");
        assertTrue(dot.out().startsWith("digraph \"Negotiation.Seller\""), dot.out());
        assertFalse(dot.out().contains("Negotiation.Buyer"));
    }

    @Test
    void usageAndMissingFilesAreErrorsWithoutStackTraces() {
        assertEquals(2, run("project").exit());
        Run missing = run("project", "/no/such/file.choreo");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Run unknownRole = run("project", example("negotiation.choreo"), "--role", "Nobody");
        assertEquals(2, unknownRole.exit());
        assertTrue(unknownRole.err().contains("no role 'Nobody'"), unknownRole.err());
        assertEquals(2, run("frobnicate").exit());
    }

    @Test
    void runExecutesDurablyAndAuditReadsTheSessionBack(@TempDir Path dir) {
        String journal = dir.resolve("journal").toString();
        Run r = run("run", example("auditable.choreo"), "--journal", journal, "--session", "cli-audit");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Coordinator -> Participant: InitiateOperation [cost 100] facts [operation_initiated]"),
                r.out());
        assertTrue(r.out().contains("completed in"), r.out());
        Run audit = run("audit", "cli-audit", "--journal", journal);
        assertEquals(0, audit.exit(), audit.err());
        assertTrue(audit.out().contains("Participant: operation_completed"), audit.out());
        assertTrue(audit.out().contains("every message sent was consumed exactly once"), audit.out());
        Run unknown = run("audit", "no-such-session", "--journal", journal);
        assertEquals(1, unknown.exit());
    }

    @Test
    void runHonoursGuardsLoopsAndBindings(@TempDir Path dir) {
        String journal = dir.resolve("journal").toString();
        Run buy = run("run", example("conditional.choreo"), "--journal", journal, "--var", "balance=100",
                "--var", "price=50");
        assertTrue(buy.out().contains("Client -> Server: Purchase"), buy.out());
        Run loop = run("run", example("decision_loop.choreo"), "--journal", journal, "--iterations", "3");
        assertEquals(3, loop.out().lines().filter(l -> l.contains("Client -> Server: Request")).count(), loop.out());
        assertTrue(loop.out().contains("Client -> Server: Done (implicit)"), loop.out());
        Run bad = run("run", example("threshold.choreo"), "--journal", journal, "--bind", "Signers=2",
                "--symbol", "threshold=5");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("does not fit 2 instances"), bad.err());
    }

    /** A one-node cluster on 127.0.0.1:26310 (about 15 s): handler options, live progress, a prompt exit. */
    @Test
    void nodeRunsAcrossTheClusterWithHandlerOptionsAndPrintsProgress(@TempDir Path dir) {
        long start = System.nanoTime();
        Run r = run("node", "--port", "26310", "--seeds", "127.0.0.1:26310", "--members", "1",
                "--journal", dir.resolve("journal").toString(), "--protocols", example("decision_loop.choreo"),
                "--run", example("decision_loop.choreo"), "--iterations", "3", "--var", "unused=1");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(3, r.out().lines().filter(l -> l.contains("Client -> Server: Request")).count(), r.out());
        assertTrue(r.out().contains("Client -> Server: Done (implicit)"), r.out());
        assertTrue(r.out().contains("completed DecisionLoop across the cluster"), r.out());
        assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(60), "ends promptly");
    }

    /** {@code node --bind} takes instance names as run and simulate do (a one-node cluster, about 15 s). */
    @Test
    void nodeBindsNamedInstances(@TempDir Path dir) {
        Run r = run("node", "--port", "26311", "--seeds", "127.0.0.1:26311", "--members", "1",
                "--journal", dir.resolve("journal").toString(), "--protocols", example("consensus.choreo"),
                "--run", example("consensus.choreo"), "--bind", "Followers=alice,bob,carol");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("completed ConsensusProtocol across the cluster"), r.out());
        assertTrue(r.out().contains("Followers[2]") || r.out().contains("carol"), r.out());
    }
}
