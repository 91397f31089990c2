package io.choreo.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.Choreo;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Sessions with roles played by probes, on a real actor system (7 short sessions, about 3 s with startup). */
class RoleProbeTest {
    static final ChoreoTestKit kit = ChoreoTestKit.create();
    static final CompiledProtocol ORDERING = Choreo.load("/protocols/ordering.choreo");
    static final CompiledProtocol POLLING = Choreo.load("/protocols/polling.choreo");

    @AfterAll
    static void close() {
        kit.close();
    }

    /** The application's customer: orders a book and remembers the answer. */
    static final class Customer implements RoleHandler {
        private String answer = "none";

        @Override
        public Object payload(SendContext send) {
            return new Order("book", 2);
        }

        @Override
        public void received(ReceiveContext received) {
            answer = received.label() + ": " + received.payload();
        }

        @Override
        public Object result() {
            return answer;
        }
    }

    @Test
    void theTestPlaysTheShop() {
        RunningSession session = kit.session(ORDERING).handler("Customer", Customer::new).probe("Shop").start();
        RoleProbe shop = session.probe("Shop").withGuardVariables(Map.of("stock", 5)).withResult("shipped");
        assertEquals(new Order("book", 2), shop.expectReceive("PlaceOrder", Order.class));
        shop.choose("accept").expectSend("Confirmed").reply("see you");
        session.assertOutcome().completed()
                .hasMessages("Customer -> Shop: PlaceOrder", "Shop -> Customer: Confirmed")
                .hasFacts("order_placed")
                .hasResult("Customer", "Confirmed: see you")
                .hasResult("Shop", "shipped");
    }

    @Test
    void theTestPlaysBothRolesAndSeesWhatEachSends() {
        RunningSession session = kit.session(ORDERING).probe("Customer").probe("Shop").start();
        RoleProbe customer = session.probe("Customer");
        RoleProbe shop = session.probe("Shop");
        RoleProbe.PendingSend order = customer.expectSend("PlaceOrder");
        assertEquals("Shop", order.context().to());
        order.reply(new Order("pen", 1));
        assertEquals(new Order("pen", 1), shop.expectReceive("PlaceOrder").payload());
        RoleProbe.PendingChoice choice = shop.expectChoice();
        assertEquals(List.of("accept", "reject"), choice.context().labels());
        choice.choose("reject").expectSend("Refused").reply("sold out");
        assertEquals("sold out", customer.expectReceive("Refused", String.class));
        customer.expectNoEvent(Duration.ofMillis(100));
        session.assertOutcome().completed().hasMessagesInOrder("Shop -> Customer: Refused");
    }

    @Test
    void theRuntimeStillEnforcesGuardsOnAProbesChoice() {
        RunningSession session = kit.session(ORDERING).handler("Customer", Customer::new).probe("Shop").start();
        RoleProbe shop = session.probe("Shop").withGuardVariables(Map.of("stock", 0));
        shop.expectReceive("PlaceOrder");
        shop.choose("accept");
        SessionError.GuardFailed e = session.assertOutcome().failedWith(SessionError.GuardFailed.class);
        assertTrue(e.describe().contains("stock"), e.describe());
    }

    @Test
    void anExpectationThatDoesNotMatchFailsTheTestAndTheParticipant() {
        RunningSession session = kit.session(ORDERING).handler("Customer", Customer::new).probe("Shop").start();
        RoleProbe shop = session.probe("Shop");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> shop.expectSend("Confirmed"));
        assertEquals("Shop: expected a send of Confirmed, but got the receipt of PlaceOrder from Customer",
                e.getMessage());
        AssertionFailedError wrong = assertThrows(AssertionFailedError.class, () -> shop.choose("maybe"));
        assertTrue(wrong.getMessage().contains("the branches are [accept, reject]"), wrong.getMessage());
        SessionError.HandlerFailed failed = session.assertOutcome().failedWith(SessionError.HandlerFailed.class);
        assertTrue(failed.describe().contains("cannot choose 'maybe'"), failed.describe());
    }

    @Test
    void aQuestionTheTestLeavesOpenFailsTheParticipantInsteadOfHanging() {
        RunningSession session = kit.session(ORDERING).handler("Customer", Customer::new).probe("Shop")
                .probeTimeouts(Duration.ofMillis(500), Duration.ofMillis(300)).start();
        session.probe("Shop").expectReceive("PlaceOrder");
        SessionError.HandlerFailed failed = session.assertOutcome().failedWith(SessionError.HandlerFailed.class);
        assertTrue(failed.describe().contains("the test did not answer the choice at line 4 between [accept, reject] "
                + "of probe Shop within 300 ms (expected choose(label))"), failed.describe());
        AssertionFailedError none = assertThrows(AssertionFailedError.class,
                () -> session.probe("Shop").expectSend("Confirmed"));
        assertTrue(none.getMessage().contains("the participant did nothing"), none.getMessage());
    }

    @Test
    void eachParticipantOfAnArrayHasItsProbeAndLoopsAreDecidedByTheTest() {
        RunningSession session = kit.session(POLLING).probe("Leader").handler("Workers", () -> new RoleHandler() {
            @Override
            public Object payload(SendContext send) {
                return send.participant().length();
            }
        }).spec(s -> s.bindRoleCount("Workers", 2)).start();
        RoleProbe leader = session.probe("Leader");
        List<Object> pongs = new ArrayList<>();
        leader.continueLoop(true).expectSend("Ping").reply(null);
        leader.expectSend("Ping").reply(null);
        pongs.add(leader.expectReceive("Pong").payload());
        pongs.add(leader.expectReceive("Pong").payload());
        leader.continueLoop(false);
        assertEquals(List.of(10, 10), pongs, "Workers[i] has 10 characters");
        session.assertOutcome().completed().hasMessagesInOrder("Leader -> Workers[0]: Ping",
                "Workers[0] -> Leader: Pong");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> session.probe("Workers[0]"));
        assertEquals("no probe plays 'Workers[0]'; probed participants: [Leader]", unknown.getMessage());
    }

    @Test
    void aRoleWithNeitherHandlerNorProbeFailsTheSessionAsInProduction() {
        RunningSession session = kit.session(ORDERING).probe("Shop").start();
        SessionError.InvalidBindings e = session.assertOutcome().failedWith(SessionError.InvalidBindings.class);
        assertTrue(e.describe().contains("no handler for role 'Customer'"), e.describe());
    }
}
