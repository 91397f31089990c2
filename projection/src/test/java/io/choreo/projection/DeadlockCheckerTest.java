package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.source.Span;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.DeadlockReport;
import io.choreo.projection.local.LocalType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeadlockCheckerTest {

    static Stream<Path> corpus() {
        return TestCorpus.allFiles();
    }

    static LocalType send(String peer, String label, LocalType k) {
        return new LocalType.Send(RoleRef.plain(peer), MessageType.of(label), Annotations.none(), Span.NONE, false, k);
    }

    static LocalType recv(String peer, String label, LocalType k) {
        return new LocalType.Recv(RoleRef.plain(peer), MessageType.of(label), Annotations.none(), Span.NONE, false, k);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusProtocolIsDeadlockFree(Path file) throws Exception {
        for (CompiledProtocol p : Compiler.compile(file).protocols()) {
            DeadlockReport report = DeadlockChecker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
            assertTrue(report.ok(), () -> p.name() + ": " + report.describe());
            assertTrue(report.states() > 1);
        }
    }

    @Test
    void crossedReceivesDeadlockWithATraceFromTheStart() {
        Map<String, LocalType> participants = new LinkedHashMap<>();
        participants.put("A", send("B", "Hello", recv("B", "Y", send("B", "X", LocalType.end()))));
        participants.put("B", recv("A", "Hello", recv("A", "X", send("A", "Y", LocalType.end()))));
        DeadlockReport report = DeadlockChecker.explore(participants, DeadlockChecker.Options.DEFAULT);
        assertEquals(DeadlockReport.Verdict.DEADLOCK, report.verdict());
        assertEquals(List.of("A -> B: Hello (sent)", "A -> B: Hello (received)"), report.trace());
        assertTrue(report.stuck().contains("A is stuck waiting for B?Y"), report.describe());
        assertTrue(report.stuck().contains("B is stuck waiting for A?X"), report.describe());
        assertTrue(report.describe().contains("1. A -> B: Hello (sent)"), report.describe());
    }

    @Test
    void unreceivedMessagesAreOrphans() {
        Map<String, LocalType> participants = Map.of(
                "A", send("B", "Extra", LocalType.end()),
                "B", LocalType.end());
        DeadlockReport report = DeadlockChecker.explore(participants, DeadlockChecker.Options.DEFAULT);
        assertEquals(DeadlockReport.Verdict.ORPHAN_MESSAGES, report.verdict());
        assertTrue(report.stuck().contains("queue A -> B holds [Extra]"), report.describe());
    }

    @Test
    void boundedQueuesBlockMutualFloods() {
        LocalType a = send("B", "M", send("B", "M", recv("B", "N", recv("B", "N", LocalType.end()))));
        LocalType b = send("A", "N", send("A", "N", recv("A", "M", recv("A", "M", LocalType.end()))));
        Map<String, LocalType> participants = Map.of("A", a, "B", b);
        assertTrue(DeadlockChecker.explore(participants, new DeadlockChecker.Options(2, 1000)).ok());
        DeadlockReport tight = DeadlockChecker.explore(participants, new DeadlockChecker.Options(1, 1000));
        assertEquals(DeadlockReport.Verdict.DEADLOCK, tight.verdict(), tight.describe());
    }

    @Test
    void arraysAreInstantiatedAtTheBoundSize() {
        CompiledProtocol consensus = ProjectionGoldenTest.compile(
                "choreography C { roles: Leader, Followers[N]; Leader -> Followers[*]: P; Followers[i] -> Leader: V; }");
        DeadlockReport five = DeadlockChecker.check(consensus, Bindings.none().bindRoleCount("Followers", 5),
                DeadlockChecker.Options.DEFAULT);
        DeadlockReport two = DeadlockChecker.check(consensus, Bindings.none().bindRoleCount("Followers", 2),
                DeadlockChecker.Options.DEFAULT);
        assertTrue(five.ok() && two.ok());
        assertTrue(five.states() > two.states(), five.states() + " vs " + two.states());
    }

    @Test
    void limitGivesAnInconclusiveVerdictNotAHang() {
        CompiledProtocol p = ProjectionGoldenTest.compile("choreography L { roles: A, B, C; loop (count: 50) { "
                + "parallel { A -> B: X; } and { B -> C: Y; } and { C -> A: Z; } } }");
        DeadlockReport report = DeadlockChecker.check(p, Bindings.none(), new DeadlockChecker.Options(4, 5));
        assertEquals(DeadlockReport.Verdict.INCONCLUSIVE, report.verdict());
        assertFalse(report.ok());
    }

    @Test
    void reductionGivesTheSameVerdictsAsFullExploration() throws Exception {
        for (java.nio.file.Path file : TestCorpus.allFiles().toList()) {
            for (CompiledProtocol p : Compiler.compile(file).protocols()) {
                var resolved = io.choreo.projection.bind.ResolvedBindings.forChecking(p.global(), Bindings.none(),
                        DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
                Map<String, LocalType> participants = DeadlockChecker.participants(p, resolved);
                DeadlockReport reduced = DeadlockChecker.explore(participants, DeadlockChecker.Options.DEFAULT);
                DeadlockReport full = DeadlockChecker.exploreFully(participants, DeadlockChecker.Options.DEFAULT);
                assertEquals(full.verdict(), reduced.verdict(), file.toString());
                assertTrue(reduced.states() <= full.states(), file + ": " + reduced.states() + " > " + full.states());
            }
        }
    }

    @Test
    void aShortLoopBroadcastingToThreeGetsAVerdict() {
        CompiledProtocol p = ProjectionGoldenTest.compile("choreography B { roles: L, W[3]; "
                + "loop (decides: L) { L -> W[*]: Task; W[i] -> L: Result; } }");
        DeadlockReport report = DeadlockChecker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
        assertEquals(DeadlockReport.Verdict.DEADLOCK_FREE, report.verdict(), report.describe());
    }

    @Test
    void hugeBoundsAreCheckedAtSmallSizesQuickly() {
        CompiledProtocol p = ProjectionGoldenTest.compile("choreography H { roles: L, W[2147483647]; "
                + "loop (count: 2147483647) { L -> W[*]: Task; W[i] -> L: Result; } }");
        long start = System.nanoTime();
        DeadlockReport report = DeadlockChecker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
        assertEquals(DeadlockReport.Verdict.DEADLOCK_FREE, report.verdict(), report.describe());
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "clamped: 2^31 workers are not explored");
    }

    @Test
    void nestedCountLoopsDoNotMultiplyTheStateSpace() {
        StringBuilder text = new StringBuilder("choreography N { roles: A, B; ");
        for (int i = 0; i < 16; i++) {
            text.append("loop (count: 2) { ");
        }
        text.append("A -> B: Ping; B -> A: Pong; ");
        text.append("} ".repeat(16)).append('}');
        CompiledProtocol p = ProjectionGoldenTest.compile(text.toString());
        long start = System.nanoTime();
        DeadlockReport report = DeadlockChecker.check(p, Bindings.none(),
                DeadlockChecker.Options.DEFAULT.withTimeBudget(java.time.Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "the time budget stops the exploration");
        assertTrue(report.verdict() == DeadlockReport.Verdict.DEADLOCK_FREE
                || report.verdict() == DeadlockReport.Verdict.INCONCLUSIVE, report.describe());
    }
}
