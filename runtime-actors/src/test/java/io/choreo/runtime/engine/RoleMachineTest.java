package io.choreo.runtime.engine;

import static io.choreo.runtime.RuntimeTestSupport.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Participants;
import io.choreo.projection.local.LocalType;
import org.junit.jupiter.api.Test;

/** The compiled machine and the pure engine, without actors (milliseconds). */
class RoleMachineTest {

    private static LocalType type(CompiledProtocol p, String role) {
        return Participants.of(p, ResolvedBindings.resolve(p.global(), Bindings.none())).get(role).type();
    }

    @Test
    void aCountedLoopIsACounterNotUnrolled() {
        CompiledProtocol p = compile("choreography Big { roles: A, B; loop (count: 1000000) { A -> B: Ping;"
                + " B -> A: Pong; } A -> B: Bye; }");
        RoleMachine a = RoleMachine.of(type(p, "A"));
        assertTrue(a.stateCount() < 10, "states: " + a.stateCount());
        assertEquals(1, a.counterSlots());
        Position pos = Engine.start(a);
        for (int i = 0; i < 1_000_000; i++) {
            assertEquals(RoleMachine.Kind.SEND, a.kind(pos.state()));
            assertEquals("Ping", a.send(pos.state()).label());
            pos = Engine.step(a, pos, new Engine.Event.Sent());
            assertEquals(RoleMachine.Kind.RECEIVE, a.kind(pos.state()));
            pos = Engine.step(a, pos, new Engine.Event.Received(a.receiveIndex(pos.state(), "B", "Pong")));
        }
        assertEquals("Bye", a.send(pos.state()).label(), "after exactly 1,000,000 iterations");
        pos = Engine.sent(a, pos);
        assertEquals(RoleMachine.Kind.END, a.kind(pos.state()));
    }

    @Test
    void machinesAreSharedAndStepsAreDeterministic() {
        CompiledProtocol p = compile("choreography Neg { roles: Buyer, Seller; Buyer -> Seller: Offer;"
                + " choice Seller { accept: { Seller -> Buyer: Accept; } reject: { Seller -> Buyer: Reject; } } }");
        RoleMachine seller = RoleMachine.of(type(p, "Seller"));
        assertSame(seller, RoleMachine.of(type(p, "Seller")), "one machine per local type");
        Position start = Engine.start(seller);
        assertEquals(RoleMachine.Kind.RECEIVE, seller.kind(start.state()));
        assertEquals("Buyer?Offer", seller.waitingFor(start.state()));
        assertEquals(-1, seller.receiveIndex(start.state(), "Buyer", "Accept"));
        Position choosing = Engine.received(seller, start, seller.receiveIndex(start.state(), "Buyer", "Offer"));
        assertEquals(RoleMachine.Kind.CHOOSE, seller.kind(choosing.state()));
        Position rejected = Engine.chose(seller, choosing, seller.branch(choosing.state(), "reject"));
        assertEquals(rejected, Engine.chose(seller, choosing, 1), "same event, same position");
        assertEquals("Reject", seller.send(rejected.state()).label());
        assertThrows(IllegalStateException.class, () -> Engine.sent(seller, start), "no send at a receive");
    }

    @Test
    void decidedLoopsCountTheirIterations() {
        CompiledProtocol p = compile("choreography D { roles: A, B; loop (decides: A) { A -> B: Ask; B -> A: Tell; } }");
        RoleMachine a = RoleMachine.of(type(p, "A"));
        Position pos = Engine.start(a);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, pos.iterations(a));
            pos = Engine.chose(a, pos, 0);
            pos = Engine.sent(a, pos);
            pos = Engine.received(a, pos, 0);
        }
        assertEquals(3, pos.iterations(a));
    }
}
