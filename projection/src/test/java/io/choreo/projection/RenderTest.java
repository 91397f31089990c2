package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.LocalFsm;
import io.choreo.projection.local.Instantiation;
import io.choreo.projection.render.DotRenderer;
import io.choreo.projection.render.MermaidRenderer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderTest {

    @Test
    void mermaidSequenceDiagramOfNegotiation() throws Exception {
        CompiledProtocol p = ProjectionGoldenTest.example("negotiation.choreo");
        assertEquals("""
                sequenceDiagram
                    title Negotiation
                    participant Buyer
                    participant Seller
                    Buyer->>Seller: Offer
                    alt Seller chooses accept
                        Seller->>Buyer: Accept
                    else Seller chooses reject
                        Seller->>Buyer: Reject
                    end
                """, MermaidRenderer.render(p.global()));
    }

    @Test
    void mermaidShowsLoopsImplicitMessagesAndAnnotations() throws Exception {
        String loop = MermaidRenderer.render(ProjectionGoldenTest.example("decision_loop.choreo").global());
        assertTrue(loop.contains("loop rec Loop1"), loop);
        assertTrue(loop.contains("Client-->>Server: Done\n"), loop);
        assertTrue(loop.contains("Note over Client,Server: dashed arrows are implicit control messages"), loop);
        String budgeted = MermaidRenderer.render(ProjectionGoldenTest.example("budgeted.choreo").global());
        assertTrue(budgeted.contains("Sender->>Receiver: HighCostMessage(LargeData) [flow_cost = 200]"), budgeted);
        String consensus = MermaidRenderer.render(ProjectionGoldenTest.example("consensus.choreo").global());
        assertTrue(consensus.contains("participant Followers as Followers[N]"), consensus);
        assertTrue(consensus.contains("Leader->>Followers: Proposal (to all)\n"), consensus);
        assertTrue(consensus.contains("Followers->>Leader: Vote (from each)\n"), consensus);
        assertFalse(consensus.contains(" to Leader)"), "no repeated role references: " + consensus);
    }

    @Test
    void dotOfTheBuyerStateMachine() throws Exception {
        LocalFsm fsm = fsm("negotiation.choreo", "Buyer");
        assertEquals(3, fsm.stateCount(), "start, after Offer, and the shared final state");
        String dot = DotRenderer.render("Negotiation", "Buyer", fsm);
        assertTrue(dot.startsWith("digraph \"Negotiation.Buyer\" {\n    label=\"Negotiation: Buyer\";"), dot);
        assertTrue(dot.contains("s0 [label=\"0\\nsends Seller!Offer\"];"), dot);
        assertTrue(dot.contains("s1 [label=\"1\\nwaits for Seller?Accept|Reject\"];"), dot);
        assertTrue(dot.contains("s2 [label=\"2\\ndone\", shape=doublecircle];"), dot);
        assertTrue(dot.contains("s0 -> s1 [label=\"Seller!Offer\"];"), dot);
        assertTrue(dot.contains("s1 -> s2 [label=\"Seller?Accept\\n[accept]\"];"), dot);
        assertTrue(dot.contains("s1 -> s2 [label=\"Seller?Reject\\n[reject]\"];"), dot);
    }

    @Test
    void dotShowsTheChooserAndTheGuardOfEachBranch() throws Exception {
        String dot = DotRenderer.render("ConditionalProtocol", "Client", fsm("conditional.choreo", "Client"));
        assertTrue(dot.contains("s0 [label=\"0\\nchooses, sends Server!Purchase|Cancel\"];"), dot);
        assertTrue(dot.contains("[label=\"Server!Purchase\\n[buy when balance > price]\"]"), dot);
        assertTrue(dot.contains("[label=\"Server!Cancel\\n[cancel]\"]"), dot);
    }

    @Test
    void recursionFoldsIntoACycle() throws Exception {
        LocalFsm fsm = fsm("decision_loop.choreo", "Server");
        assertEquals(3, fsm.stateCount(), DotRenderer.render("DecisionLoop", "Server", fsm));
        assertTrue(fsm.transitions().stream().anyMatch(t -> t.to() == 0 && t.from() != 0));
    }

    /** The state machine of {@code role} (a plain role) in an example. */
    private static LocalFsm fsm(String example, String role) throws Exception {
        CompiledProtocol p = ProjectionGoldenTest.example(example);
        ResolvedBindings b = ResolvedBindings.resolve(p.global(), Bindings.none());
        return LocalFsm.of(Instantiation.concrete(p.local(role), b, Optional.empty()), 1000);
    }
}
