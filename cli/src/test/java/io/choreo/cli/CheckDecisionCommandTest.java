package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code choreo check} decides implementability: E220 rejects, a budget that runs out exits 3. */
class CheckDecisionCommandTest {

    @Test
    void aProtocolThatIsNotImplementableIsRejectedWithBothLocations(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("late.choreo");
        Files.writeString(file, """
                choreography Late {
                  roles: A, B, C;
                  choice A {
                    again: { rec L { A -> B: ping; continue L; } }
                    stop:  { A -> B: stop; }
                  }
                  C -> B: after;
                }
                """);
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("check", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("late.choreo:7:3: error[E220]"), r::err);
        assertTrue(r.err().contains("see also " + file + ":3:3"), r::err);
        assertTrue(r.err().contains("1. A -> B: ping"), r::err);
    }

    @Test
    void whereTheMergeIsIncompleteTheSynthesizedLocalTypesArePrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w0.choreo");
        Files.writeString(file, "choreography W0 { roles: C, W[3];\n"
                + "  loop (decides: W[0]) { W[0] -> C: Ping; C -> W[1]: Fwd; }\n}\n");
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("check", file.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("W0 ok, implementable (decided): the merge projection is incomplete"), r::out);
        assertTrue(r.out().contains("  W[1]: W[0]&{Done: W[0]?Done; end | Continue: W[0]?Continue;"), r::out);
        assertTrue(!r.err().contains("E210"), r::err);
    }

    @Test
    void aBudgetThatRunsOutExitsThreeUnlessInconclusiveIsAllowed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.choreo");
        Files.writeString(file, "choreography Small { roles: A, B; loop (count: 3) { A -> B: x; B -> A: y; } }\n");
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("check", file.toString(), "--max-states", "10");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("W211") && r.err().contains("--max-states"), r::err);
        assertTrue(r.out().contains("not decided"), r::out);
        ChoreoCommandTest.Run allowed = ChoreoCommandTest.run("check", file.toString(), "--max-states", "10",
                "--allow-inconclusive");
        assertEquals(0, allowed.exit(), allowed::toString);
        assertTrue(allowed.out().contains("accepted with --allow-inconclusive"), allowed::out);
        ChoreoCommandTest.Run decided = ChoreoCommandTest.run("check", file.toString());
        assertEquals(0, decided.exit(), decided::toString);
        assertTrue(decided.out().contains("implementable (decided)"), decided::out);
    }
}
