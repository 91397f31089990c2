package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.local.Participants;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionError;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The monitor: off-protocol messages are rejected with typed errors, never dropped; early ones wait their turn. */
class MonitorTest {
    static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    record Harness(ActorRef<RoleActor.Command> role, TestProbe<SessionActor.Command> session,
                   TestProbe<RoleActor.Command> peer) {
    }

    /** Starts the Buyer of Negotiation alone, with a probe as Seller and a probe as its session. */
    static Harness buyer() {
        CompiledProtocol p = example("negotiation.choreo");
        var participant = Participants.of(p, ResolvedBindings.resolve(p.global(), Bindings.none())).get("Buyer");
        TestProbe<SessionActor.Command> session = kit.createTestProbe();
        TestProbe<RoleActor.Command> seller = kit.createTestProbe();
        ActorRef<RoleActor.Command> role = kit.spawn(RoleActor.create(new RoleActor.Setup("s1", participant, "Buyer",
                new RoleHandler() {
                }, Extensions.defaults(), session.ref())));
        role.tell(new RoleActor.Start(new io.choreo.runtime.role.Peers.Local(Map.of("Buyer", role, "Seller", seller.ref()))));
        RoleActor.Envelope offer = (RoleActor.Envelope) seller.receiveMessage();
        assertEquals("Offer", offer.label());
        return new Harness(role, session, seller);
    }

    static SessionError.ProtocolViolation violation(Harness h) {
        SessionActor.RoleFailed failed = assertInstanceOf(SessionActor.RoleFailed.class, h.session().receiveMessage());
        assertEquals("Buyer", failed.participant());
        return assertInstanceOf(SessionError.ProtocolViolation.class, failed.error());
    }

    static RoleActor.Envelope envelope(String session, String from, String label) {
        return new RoleActor.Envelope(session, from, "Buyer", label, 1, null, Set.of(), false);
    }

    @Test
    void wrongLabelIsRejected() {
        Harness h = buyer();
        h.role().tell(envelope("s1", "Seller", "Maybe"));
        SessionError.ProtocolViolation v = violation(h);
        assertTrue(v.detail().contains("expected Seller?Accept or Seller?Reject but received Seller?Maybe"),
                v.detail());
    }

    @Test
    void unknownSenderIsRejected() {
        Harness h = buyer();
        h.role().tell(envelope("s1", "Mallory", "Accept"));
        assertTrue(violation(h).detail().contains("'Mallory', who is not a participant"));
    }

    @Test
    void otherSessionIsRejected() {
        Harness h = buyer();
        h.role().tell(envelope("s2", "Seller", "Accept"));
        assertTrue(violation(h).detail().contains("of session s2"));
    }

    @Test
    void messageAfterTheEndIsRejected() {
        Harness h = buyer();
        h.role().tell(envelope("s1", "Seller", "Accept"));
        assertInstanceOf(SessionActor.RoleFinished.class, h.session().receiveMessage());
        h.role().tell(envelope("s1", "Seller", "Reject"));
        assertTrue(violation(h).detail().contains("after its protocol ended"));
    }

    @Test
    void theRightMessageCompletesTheRole() {
        Harness h = buyer();
        h.role().tell(envelope("s1", "Seller", "Reject"));
        SessionActor.RoleFinished finished = assertInstanceOf(SessionActor.RoleFinished.class,
                h.session().receiveMessage());
        assertEquals("Buyer", finished.participant());
    }
}
