package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(loop.contains("Client-->>Server: Done (implicit)"), loop);
        String budgeted = MermaidRenderer.render(ProjectionGoldenTest.example("budgeted.choreo").global());
        assertTrue(budgeted.contains("Sender->>Receiver: HighCostMessage(LargeData) [flow_cost = 200]"), budgeted);
        String consensus = MermaidRenderer.render(ProjectionGoldenTest.example("consensus.choreo").global());
        assertTrue(consensus.contains("participant Followers as Followers[N]"), consensus);
        assertTrue(consensus.contains("Followers->>Leader: Vote (Followers[i] to Leader)"), consensus);
    }

    @Test
    void dotOfTheBuyerStateMachine() throws Exception {
        CompiledProtocol p = ProjectionGoldenTest.example("negotiation.choreo");
        ResolvedBindings b = ResolvedBindings.resolve(p.global(), Bindings.none());
        LocalFsm fsm = LocalFsm.of(Instantiation.concrete(p.local("Buyer"), b, Optional.empty()), 1000);
        assertEquals(3, fsm.stateCount(), "start, after Offer, and the shared final state");
        String dot = DotRenderer.render("Buyer", fsm);
        assertTrue(dot.startsWith("digraph \"Buyer\" {"), dot);
        assertTrue(dot.contains("s0 -> s1 [label=\"Seller!Offer\"];"), dot);
        assertTrue(dot.contains("s1 -> s2 [label=\"Seller?Accept\"];"), dot);
        assertTrue(dot.contains("s1 -> s2 [label=\"Seller?Reject\"];"), dot);
        assertTrue(dot.contains("doublecircle"), dot);
    }

    @Test
    void recursionFoldsIntoACycle() throws Exception {
        CompiledProtocol p = ProjectionGoldenTest.example("decision_loop.choreo");
        ResolvedBindings b = ResolvedBindings.resolve(p.global(), Bindings.none());
        LocalFsm fsm = LocalFsm.of(Instantiation.concrete(p.local("Server"), b, Optional.empty()), 1000);
        assertEquals(3, fsm.stateCount(), DotRenderer.render("Server", fsm));
        assertTrue(fsm.transitions().stream().anyMatch(t -> t.to() == 0 && t.from() != 0));
    }
}
