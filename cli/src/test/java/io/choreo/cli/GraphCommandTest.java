package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code choreo graph}: one titled file per participant, and SVG through Graphviz or a clear error without it. */
class GraphCommandTest {

    @Test
    void dotWritesOneTitledFilePerParticipant(@TempDir Path dir) throws Exception {
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("graph", ChoreoCommandTest.example("consensus.choreo"),
                "--format", "dot", "--bind", "Followers=2", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote 3 files"), r.out());
        assertEquals(List.of("ConsensusProtocol.Followers_0.dot", "ConsensusProtocol.Followers_1.dot",
                "ConsensusProtocol.Leader.dot"), files(dir));
        String follower = Files.readString(dir.resolve("ConsensusProtocol.Followers_1.dot"));
        assertTrue(follower.contains("label=\"ConsensusProtocol: Followers[1]\";"), follower);
        assertTrue(follower.contains("waits for Leader?Proposal"), follower);
    }

    @Test
    void svgWithoutGraphvizIsAClearError(@TempDir Path dir) {
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("graph", ChoreoCommandTest.example("negotiation.choreo"),
                "--format", "svg", "--out", dir.toString(), "--dot-command", dir.resolve("no-dot").toString());
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertTrue(r.err().startsWith("choreo: --format svg needs Graphviz's"), r.err());
        assertTrue(r.err().contains("install Graphviz"), r.err());
    }

    @Test
    void svgGoesThroughDot(@TempDir Path dir) throws Exception {
        // a stand-in for Graphviz that wraps its input, so the test does not depend on Graphviz being installed
        Path fakeDot = dir.resolve("dot");
        Files.writeString(fakeDot, "#!/bin/sh\n[ \"$1\" = -Tsvg ] || exit 3\necho '<svg>'; cat; echo '</svg>'\n");
        Files.setPosixFilePermissions(fakeDot, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = dir.resolve("svg");
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("graph", ChoreoCommandTest.example("negotiation.choreo"),
                "--format", "svg", "--out", out.toString(), "--dot-command", fakeDot.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("Negotiation.Buyer.svg", "Negotiation.Seller.svg"), files(out));
        String buyer = Files.readString(out.resolve("Negotiation.Buyer.svg"));
        assertTrue(buyer.startsWith("<svg>\ndigraph \"Negotiation.Buyer\""), buyer);
        ChoreoCommandTest.Run several = ChoreoCommandTest.run("graph",
                ChoreoCommandTest.example("negotiation.choreo"), "--format", "svg", "--dot-command", fakeDot.toString());
        assertEquals(ExitCodes.FAILURE, several.exit());
        assertTrue(several.err().contains("give --out DIR for one file each, or pick one with --role"), several.err());
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
