package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code choreo diff OLD NEW}: per role what changed, which in-flight states block, and the exit codes. */
class DiffCommandTest {
    static final String V1 = """
            #[version = "1"]
            choreography Order {
                roles: Buyer, Seller;
                Buyer -> Seller: Request;
                choice Seller {
                    quote: { Seller -> Buyer: Quote; Buyer -> Seller: Accept; }
                    reject: { Seller -> Buyer: Reject; }
                }
            }
            """;

    static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aChangedBranchBlocksOnlyTheStatesBeforeAndInIt(@TempDir Path dir) throws Exception {
        Path v2 = write(dir, "v2.choreo", V1.replace("\"1\"", "\"2\"").replace("Seller -> Buyer: Reject;",
                "Seller -> Buyer: Reject; Buyer -> Seller: Ack;"));
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("diff", write(dir, "v1.choreo", V1).toString(),
                v2.toString());
        assertEquals(ExitCodes.INVALID, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Order version 1 -> 2: blocked"), r.out());
        assertTrue(r.out().contains("role Buyer: changed"), r.out());
        assertTrue(r.out().contains("Buyer: 3 of 5 states block the replacement"), r.out());
        assertTrue(r.out().contains("after Seller!Request; Seller?Reject (next: end): the old version may end "
                + "here, the new one does not"), r.out());
        assertTrue(!r.out().contains("after Seller!Request; Seller?Quote"), "the quote branch is safe: " + r.out());
    }

    @Test
    void aChangeOnlyInAnotherRolesPastIsSafeForTheOthers(@TempDir Path dir) throws Exception {
        String three = V1.replace("roles: Buyer, Seller;", "roles: Buyer, Seller, Audit;")
                .replace("Buyer -> Seller: Request;", "Buyer -> Seller: Request; Seller -> Audit: Log;");
        Path v2 = write(dir, "v2.choreo", three.replace("\"1\"", "\"2\"").replace("Log;", "Log(Entry);"));
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("diff", write(dir, "v1.choreo", three).toString(),
                v2.toString());
        assertEquals(ExitCodes.INVALID, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("role Buyer: unchanged\n  Buyer: safe at all 5 states"), r.out());
        assertTrue(r.out().contains("role Audit: changed (payload types)"), r.out());
        assertTrue(r.out().contains("after Seller?Log (next: end): the new version cannot replay this journal"),
                r.out());
    }

    @Test
    void identicalVersionsExitZero(@TempDir Path dir) throws Exception {
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("diff", write(dir, "v1.choreo", V1).toString(),
                write(dir, "v2.choreo", V1.replace("\"1\"", "\"2\"")).toString());
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Order version 1 -> 2: identical"), r.out());
    }

    @Test
    void aChangedProtocolUnderTheSameVersionIsAnError(@TempDir Path dir) throws Exception {
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("diff", write(dir, "v1.choreo", V1).toString(),
                write(dir, "v1b.choreo", V1.replace("Accept", "Agree")).toString());
        assertEquals(ExitCodes.INVALID, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("error: both files are version 1 of Order but differ"), r.out());
    }

    @Test
    void usageProblemsAreOneLine(@TempDir Path dir) throws Exception {
        ChoreoCommandTest.Run other = ChoreoCommandTest.run("diff", write(dir, "v1.choreo", V1).toString(),
                write(dir, "x.choreo", V1.replace("Order", "Other")).toString());
        assertEquals(ExitCodes.FAILURE, other.exit());
        assertTrue(other.err().startsWith("choreo: OLD declares Order and NEW Other"), other.err());
        ChoreoCommandTest.Run missing = ChoreoCommandTest.run("diff", dir.resolve("nope.choreo").toString(),
                dir.resolve("v1.choreo").toString());
        assertEquals(ExitCodes.FAILURE, missing.exit());
        assertTrue(missing.err().startsWith("choreo: no such file"), missing.err());
        ChoreoCommandTest.Run bad = ChoreoCommandTest.run("diff", write(dir, "bad.choreo",
                V1.replace("\"1\"", "\"1 beta\"")).toString(), dir.resolve("v1.choreo").toString());
        assertEquals(ExitCodes.INVALID, bad.exit());
        assertTrue(bad.err().contains("E070"), bad.err());
    }
}
