package io.choreo.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.session.TraceEvent;
import io.choreo.simulation.net.FaultPlan;
import io.choreo.simulation.report.Sweep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The two-phase commit with a 5 s voting deadline under simulation: virtual time drives the deadline, a fault that
 * holds a vote past it takes the timeout branch, runs replay exactly by seed, and a sweep counts the branches.
 */
class DeadlineSimulationTest {
    static final Simulator simulator = Simulator.create();
    static final Bindings THREE = Bindings.none().bindRoleCount("Participants", 3);
    static final String TIMEOUT_EVENT = "Coordinator: timeout(5s) at line 8";

    @AfterAll
    static void close() {
        simulator.close();
    }

    static SimulationResult run(FaultPlan plan) throws Exception {
        CompiledProtocol p = SimulatorTest.example("two_phase_commit_deadline.choreo");
        return simulator.run(p, THREE, SimulatorTest.handlers, Extensions.defaults(), plan, SimulatorTest.TIMEOUT);
    }

    private static List<String> trace(SimulationResult r) {
        return r.trace().stream().map(TraceEvent::toString).toList();
    }

    /** The index of the first event that starts with {@code prefix} (events show their cost and facts after it). */
    private static int indexOf(List<String> trace, String prefix) {
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void votesInTimeTakeTheVoteBranch() throws Exception {
        SimulationResult r = run(FaultPlan.none(1));
        assertEquals("completed", r.outcome(), r.toString());
        assertTrue(r.violations().isEmpty(), r.violations()::toString);
        assertTrue(trace(r).stream().noneMatch(e -> e.contains("timeout")), trace(r)::toString);
        assertTrue(trace(r).stream().anyMatch(e -> e.startsWith("Coordinator -> Participants[0]: Decision")),
                trace(r)::toString);
    }

    @Test
    void aVoteHeldPastTheDeadlineByAPartitionTakesTheTimeoutBranch() throws Exception {
        SimulationResult r = run(FaultPlan.parse(7, "partition=Participants[1]@0-6000"));
        assertEquals("completed", r.outcome(), r.toString());
        assertTrue(r.violations().isEmpty(), r.violations()::toString);
        List<String> trace = trace(r);
        assertTrue(trace.contains(TIMEOUT_EVENT), trace::toString);
        assertTrue(trace.indexOf(TIMEOUT_EVENT) < trace.indexOf("Participants[1] -> Coordinator: Vote"), trace::toString);
        assertTrue(trace.stream().anyMatch(e -> e.startsWith("Coordinator -> Participants[1]: Abort")), trace::toString);
        assertTrue(trace.stream().noneMatch(e -> e.contains("Decision")), trace::toString);
        // the timeout branch acts first: the others have the abort before the late vote is consumed
        int abort = indexOf(trace, "Coordinator -> Participants[0]: Abort");
        assertTrue(abort > trace.indexOf(TIMEOUT_EVENT)
                && abort < trace.indexOf("Participants[1] -> Coordinator: Vote"), trace::toString);
        assertTrue(r.virtualMillis() >= 5_000, "the deadline passed in virtual time: " + r.virtualMillis());
        assertEquals(trace, trace(run(FaultPlan.parse(7, "partition=Participants[1]@0-6000"))), "replays by seed");
    }

    @Test
    void aParticipantCutOffForGoodStillLetsTheOthersAbortAtTheDeadline() throws Exception {
        SimulationResult r = run(FaultPlan.parse(3, "partition=Participants[2]@0-600000"));
        List<String> trace = trace(r);
        assertTrue(trace.contains(TIMEOUT_EVENT), r + "\n" + trace);
        for (int i = 0; i < 2; i++) {
            int abort = indexOf(trace, "Coordinator -> Participants[" + i + "]: Abort");
            assertTrue(abort > trace.indexOf(TIMEOUT_EVENT), trace::toString);
        }
        // only the late vote is pending: the session timeout ends the run
        assertTrue(!r.completed(), r::toString);
        assertTrue(trace.stream().noneMatch(e -> e.startsWith("Participants[2] -> Coordinator")), trace::toString);
        assertEquals(trace, trace(run(FaultPlan.parse(3, "partition=Participants[2]@0-600000"))), "replays by seed");
    }

    @Test
    void aSweepReportsHowOftenEachBranchWasTaken() throws Exception {
        CompiledProtocol p = SimulatorTest.example("two_phase_commit_deadline.choreo");
        Sweep sweep = Sweep.run(p.name(), 1, 40, seed -> simulator.run(p, THREE, SimulatorTest.handlers,
                Extensions.defaults(), FaultPlan.parse(seed, "delay=6000,drop=0.1"), SimulatorTest.TIMEOUT), r -> { });
        System.out.println(sweep.summary());
        assertEquals(Map.of("completed", 40), sweep.outcomes(), sweep.summary());
        assertEquals(0, sweep.withViolations(), sweep.summary());
        int timedOut = sweep.deadlines().getOrDefault(TIMEOUT_EVENT, 0);
        int inTime = sweep.deadlines().getOrDefault(Sweep.NO_TIMEOUT, 0);
        assertEquals(40, timedOut + inTime, sweep.summary());
        assertTrue(timedOut > 0 && inTime > 0, "both branches taken: " + sweep.summary());
        assertTrue(sweep.summary().contains("timed choices: {"), sweep.summary());
    }
}
