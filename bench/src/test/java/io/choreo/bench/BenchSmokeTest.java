package io.choreo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.choreo.runtime.session.SessionOutcome;
import org.junit.jupiter.api.Test;

/** Each benchmark body runs once and does what it claims (no timing here: figures come from JMH). */
class BenchSmokeTest {

    @Test
    void messagingBodies() throws Exception {
        MessagingBench b = new MessagingBench();
        b.setup();
        try {
            b.rawPingPong();
            b.rawSessionStart();
            assertEquals(2 * Fixtures.ROUNDS, ((SessionOutcome.SessionCompleted) b.sessionPingPong()).messages());
            assertEquals(2 * Fixtures.ROUNDS,
                    ((SessionOutcome.SessionCompleted) b.sessionAnnotatedPingPong()).messages());
            assertEquals(1, ((SessionOutcome.SessionCompleted) b.sessionStart()).messages());
            assertEquals(Fixtures.IN_FLIGHT, b.concurrentSessions());
            assertEquals(Fixtures.IN_FLIGHT, b.rawConcurrentSessions());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void durableBodies() throws Exception {
        DurableBench b = new DurableBench();
        b.rounds = 50;
        b.setup();
        try {
            b.emptyJournal();
            b.rawDurablePingPong();
            assertEquals(2 * b.rounds, ((SessionOutcome.SessionCompleted) b.durableSessionPingPong()).messages());
            b.emptyJournal();
            assertEquals(2 * b.rounds, ((SessionOutcome.SessionCompleted) b.durableSessionPingPong()).messages(),
                    "a session runs on the emptied journal");
        } finally {
            b.tearDown();
        }
    }

    /** The interleaved durable pairs: each pair times both sides on an emptied journal; the row is their medians. */
    @Test
    void durablePairs() throws Exception {
        java.util.List<DurablePairs.Pair> pairs = DurablePairs.run("h2", 0, 2);
        assertEquals(2, pairs.size());
        pairs.forEach(p -> org.junit.jupiter.api.Assertions.assertTrue(p.choreo() > 0 && p.raw() > 0, p.toString()));
        String row = DurablePairs.row("h2", java.util.List.of(new DurablePairs.Pair(2.0, 1.0),
                new DurablePairs.Pair(1.0, 0.5), new DurablePairs.Pair(1.0, 0.9)));
        assertEquals(String.format("| h2 (3 pairs) | 1,000 | 1,111 | 0.50 (0.50–0.90) |%n"), row);
    }

    /**
     * The PostgreSQL bench journal lives in a schema of its own: every foreign key of that schema must point into
     * it (pekko-persistence-jdbc's script names {@code event_journal(ordering)} unqualified; resolved against the
     * login's search path, tag rows were checked against the tests' {@code public} journal and failed at random).
     */
    @Test
    void postgresBenchJournalIsSelfContained() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(BenchJournal.postgresUnavailable().isEmpty(),
                () -> "skipped: " + BenchJournal.postgresUnavailable().orElse(""));
        DurableScaleBench b = new DurableScaleBench();
        b.db = "postgres";
        b.setup();
        try {
            assertEquals(java.util.List.of(), BenchJournal.foreignKeysLeavingSchema());
            b.emptyJournal();
            assertEquals(DurableScaleBench.SESSIONS, b.durableSessionsAtScale());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void remoteBodies() throws Exception {
        RemoteBench b = new RemoteBench();
        b.setup();
        try {
            b.rawRemotePingPong();
            assertEquals(2 * Fixtures.ROUNDS,
                    ((SessionOutcome.SessionCompleted) b.sessionRemotePingPong()).messages());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void compileBodies() {
        CompileBench b = new CompileBench();
        b.interactions = 1000;
        b.roles = 8;
        b.setup();
        assertFalse(((io.choreo.projection.Compiler.Compilation) b.parseAndProject()).hasErrors());
        io.choreo.projection.Checker.Result checked = (io.choreo.projection.Checker.Result) b.parseProjectCheck();
        assertFalse(checked.hasErrors(), checked::toString);
    }

    @Test
    void checkScalingBodies() {
        CheckScalingBench chain = new CheckScalingBench();
        chain.chainRoles = 10;
        chain.setup();
        io.choreo.projection.Checker.Result c = (io.choreo.projection.Checker.Result) chain.checkChain();
        assertFalse(c.hasErrors() || !c.report().ok() || !c.oracle().ok(), c::toString);
        LoopScalingBench loops = new LoopScalingBench();
        loops.loopDepth = 4;
        loops.setup();
        io.choreo.projection.Checker.Result l = (io.choreo.projection.Checker.Result) loops.checkNestedLoops();
        assertFalse(l.hasErrors() || !l.report().ok() || !l.oracle().ok(), l::toString);
    }
}
