package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.choreo.dsl.TestCorpus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canonical projections, role by role. Negotiation's is the one DESIGN.md gives. */
class ProjectionGoldenTest {

    static CompiledProtocol compile(String text) {
        Compiler.Compilation c = Compiler.compile("golden.choreo", text);
        assertFalse(c.hasErrors(), c::render);
        return c.protocol(null);
    }

    static CompiledProtocol example(String file) throws Exception {
        Compiler.Compilation c = Compiler.compile(TestCorpus.examples().resolve(file));
        assertFalse(c.hasErrors(), c::render);
        return c.protocol(null);
    }

    static void assertProjections(CompiledProtocol p, Map<String, String> expected) {
        expected.forEach((role, type) -> assertEquals(type, p.print(role), role));
    }

    @Test
    void negotiationAsInDesign() throws Exception {
        assertProjections(example("negotiation.choreo"), Map.of(
                "Buyer", "Seller!Offer; Seller&{accept: Seller?Accept; end | reject: Seller?Reject; end}",
                "Seller", "Buyer?Offer; Buyer+{accept: Buyer!Accept; end | reject: Buyer!Reject; end}"));
    }

    @Test
    void conditional() throws Exception {
        assertProjections(example("conditional.choreo"), Map.of(
                "Client", "Server+{buy: Server!Purchase; end | cancel: Server!Cancel; end}",
                "Server", "Client&{buy: Client?Purchase; end | cancel: Client?Cancel; end}"));
    }

    @Test
    void consensusWithBroadcastAndGather() throws Exception {
        assertProjections(example("consensus.choreo"), Map.of(
                "Leader", "Followers[*]!Proposal; Followers[i]?Vote; end",
                "Followers", "Leader?Proposal; Leader!Vote; end"));
    }

    @Test
    void decisionLoopShowsImplicitDone() throws Exception {
        assertProjections(example("decision_loop.choreo"), Map.of(
                "Client", "rec Loop1.Server+{continue: Server!Request; Server?Response; Loop1 | done: Server!Done; end}",
                "Server", "rec Loop1.Client&{continue: Client?Request; Client!Response; Loop1 | done: Client?Done; end}"));
    }

    @Test
    void countLoop() throws Exception {
        assertProjections(example("loop_count.choreo"), Map.of(
                "A", "(B!Request; B?Response)^5; end",
                "B", "(A?Request; A!Response)^5; end"));
    }

    @Test
    void staticWorkersAreGuardedByInstance() throws Exception {
        assertProjections(example("static_workers.choreo"), Map.of(
                "Master", "Worker[0]!Task1; Worker[1]!Task2; Worker[0]?Result1; end",
                "Worker", "[i=0] Master?Task1; [i=1] Master?Task2; [i=0] Master!Result1; end"));
    }

    @Test
    void thresholdRange() throws Exception {
        assertProjections(example("threshold.choreo"), Map.of(
                "Coordinator", "Signers[*]!Request; Signers[0..threshold]?Response; end",
                "Signers", "Coordinator?Request; [0<=i<threshold] Coordinator!Response; end"));
    }

    @Test
    void hierarchical() throws Exception {
        assertProjections(example("hierarchical.choreo"), Map.of(
                "SubCoordinator1", "TopCoordinator?CoordinationRequest; Worker1!WorkerRequest; "
                        + "Worker2!WorkerRequest; Worker1?WorkerResult; TopCoordinator!SubCoordinatorResult; end",
                "Worker4", "SubCoordinator2?WorkerRequest; end"));
    }

    @Test
    void thirdPartyLearnsTheBranchAndUninvolvedRoleMergesToOneType() {
        CompiledProtocol p = compile("""
                choreography Shop { roles: Buyer, Seller, Shipper, Auditor;
                  Buyer -> Seller: Order;
                  choice Seller {
                    ok: { Seller -> Buyer: Confirm; Seller -> Shipper: Ship; Shipper -> Buyer: Tracking; }
                    ko: { Seller -> Buyer: Refuse; Seller -> Shipper: Cancel; }
                  }
                  Seller -> Auditor: Report;
                }""");
        assertProjections(p, Map.of(
                "Buyer", "Seller!Order; Seller&{ok: Seller?Confirm; Shipper?Tracking; end | ko: Seller?Refuse; end}",
                "Shipper", "Seller&{ok: Seller?Ship; Buyer!Tracking; end | ko: Seller?Cancel; end}",
                "Seller", "Buyer?Order; Buyer+{ok: Buyer!Confirm; Shipper!Ship; Auditor!Report; end"
                        + " | ko: Buyer!Refuse; Shipper!Cancel; Auditor!Report; end}",
                "Auditor", "Seller?Report; end"));
    }

    @Test
    void branchesStartingWithTheSameLabelMergeTheirContinuations() {
        CompiledProtocol p = compile("""
                choreography M { roles: A, B, C;
                  choice A {
                    x: { A -> B: Go; A -> C: X; B -> C: Same; }
                    y: { A -> B: Go2; A -> C: Y; B -> C: Same; }
                  } }""");
        assertProjections(p, Map.of(
                "C", "A&{x: A?X; B?Same; end | y: A?Y; B?Same; end}",
                "B", "A&{x: A?Go; C!Same; end | y: A?Go2; C!Same; end}"));
    }

    @Test
    void parallelRecAndCall() {
        CompiledProtocol p = compile("""
                choreography P { roles: A, B, C;
                  protocol Handshake { A -> B: Hello; B -> A: Welcome; }
                  call Handshake;
                  parallel { A -> B: Left; } and { A -> C: Right; C -> A: Back; }
                  rec R { choice A { again: { A -> B: Ping; B -> A: Pong; continue R; } stop: { A -> B: Stop; } } }
                }""");
        assertProjections(p, Map.of(
                "A", "B!Hello; B?Welcome; (B!Left || C!Right; C?Back); rec R.B+{again: B!Ping; B?Pong; R | stop: B!Stop; end}",
                "B", "A?Hello; A!Welcome; A?Left; rec R.A&{again: A?Ping; A!Pong; R | stop: A?Stop; end}",
                "C", "A?Right; A!Back; end"));
    }

    @Test
    void decidesLoopSendsContinueToRolesNotFirstToldByTheDecider() {
        CompiledProtocol p = compile("""
                choreography D { roles: A, B, C;
                  loop (decides: A) { A -> B: Work; B -> C: Forward; C -> A: Ack; }
                }""");
        assertProjections(p, Map.of(
                "A", "rec Loop1.+{continue: C!Continue; B!Work; C?Ack; Loop1 | done: B!Done; C!Done; end}",
                "B", "rec Loop1.A&{continue: A?Work; C!Forward; Loop1 | done: A?Done; end}",
                "C", "rec Loop1.A&{continue: A?Continue; B?Forward; A!Ack; Loop1 | done: A?Done; end}"));
    }

    @Test
    void broadcastToEveryoneElse() {
        CompiledProtocol p = compile("choreography B { roles: A, B, W[2]; A ->* : Hello; B -> A: Ok; }");
        assertProjections(p, Map.of(
                "A", "B!Hello; W[*]!Hello; B?Ok; end",
                "W", "A?Hello; end"));
    }
}
