package io.choreo.console.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.session.SessionError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Participant states replayed over local types, and the session views built on them (pure; milliseconds). */
class ParticipantReplayTest {
    static final SessionProtocols PROTOCOLS = new SessionProtocols();

    static MessageView m(String from, String to, String label) {
        return new MessageView(from, to, label, false, 0, List.of(), 0);
    }

    static SessionData session(String file, Bindings bindings) {
        CompiledProtocol p = RuntimeTestSupport.example(file);
        String source = io.choreo.dsl.print.PrettyPrinter.print(p.global().source());
        return SessionData.started("s", p.name(), source, bindings, List.of(), 1_000, false);
    }

    static Map<String, String> states(SessionData s, List<MessageView> sent, List<MessageView> consumed,
                                      boolean ended) {
        return ParticipantReplay.byParticipant(ParticipantReplay.states(PROTOCOLS.of(s).orElseThrow().participants(),
                sent, consumed, ended));
    }

    @Test
    void aReceiverWaitsForWhatItsTypeAllowsNextAndASenderIsAboutToSend() {
        SessionData negotiation = session("negotiation.choreo", Bindings.none());
        List<MessageView> offer = List.of(m("Buyer", "Seller", "Offer"));
        assertEquals(Map.of("Buyer", "waiting for Seller?Accept or Seller?Reject",
                "Seller", "about to send Buyer!Accept or Buyer!Reject"), states(negotiation, offer, offer, false));
        assertEquals(Map.of("Buyer", "about to send Seller!Offer", "Seller", "waiting for Buyer?Offer"),
                states(negotiation, List.of(), List.of(), false));
        List<MessageView> all = List.of(m("Buyer", "Seller", "Offer"), m("Seller", "Buyer", "Reject"));
        assertEquals(Map.of("Buyer", "finished", "Seller", "finished"), states(negotiation, all, all, true));
    }

    @Test
    void aMessageSentButNotConsumedLeavesItsReceiverWaitingAndAnEndedSessionSaysStopped() {
        SessionData negotiation = session("negotiation.choreo", Bindings.none());
        List<MessageView> offer = List.of(m("Buyer", "Seller", "Offer"));
        assertEquals(Map.of("Buyer", "stopped waiting for Seller?Accept or Seller?Reject",
                "Seller", "stopped waiting for Buyer?Offer"), states(negotiation, offer, List.of(), true));
    }

    @Test
    void roleArraysAreReplayedPerInstance() {
        SessionData consensus = session("consensus.choreo", Bindings.none().bindRoleCount("Followers", 2));
        List<MessageView> sent = List.of(m("Leader", "Followers[0]", "Proposal"),
                m("Leader", "Followers[1]", "Proposal"), m("Followers[0]", "Leader", "Vote"));
        Map<String, String> states = states(consensus, sent, sent, false);
        assertEquals(List.of("Leader", "Followers[0]", "Followers[1]"), List.copyOf(states.keySet()));
        assertEquals(Map.of("Leader", "waiting for Followers[1]?Vote", "Followers[0]", "finished",
                "Followers[1]", "about to send Leader!Vote"), states);
    }

    @Test
    void theDetailCarriesTheTypedFailureAndADiagramThatNamesIt() {
        SessionData failed = session("negotiation.choreo", Bindings.none())
                .withActivity(List.of(m("Buyer", "Seller", "Offer")), List.of(), Map.of(), Map.of())
                .ended(2_500, new SessionError.HandlerFailed("Seller", "no stock"));
        SessionDetail d = SessionDetail.of(failed, PROTOCOLS.of(failed).orElseThrow(), 10_000);
        assertEquals("failed", d.summary().status());
        assertEquals(1_500, d.summary().durationMillis());
        assertEquals("HandlerFailed", d.failure().type());
        assertEquals(Map.of("participant", "Seller", "detail", "no stock", "stackTrace", ""), d.failure().fields());
        assertEquals("""
                sequenceDiagram
                    participant p0 as Buyer
                    participant p1 as Seller
                    p0->>p1: Offer
                    Note over p0,p1: FAILED<br/>handler of Seller failed#58; no stock
                """, d.sequenceDiagram());
    }
}
