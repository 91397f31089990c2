package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.SHORT;
import static io.choreo.runtime.RuntimeTestSupport.compile;
import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.compose.Adaptation;
import io.choreo.runtime.compose.ParallelSessions;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryCapabilities;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Adaptation layers between protocol versions, and the broadcast of parallel sessions' aggregate. */
class AdaptationAndBroadcastTest {
    static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    record PriceRequestV1(String item) {
    }

    record PriceV1(double euros) {
    }

    record QuoteRequestV2(String sku, int quantity) {
    }

    record QuoteV2(long cents) {
    }

    record QuoteRequestV3(String sku, int quantity, String currency) {
    }

    static final CompiledProtocol V2 = compile("""
            choreography QuoteV2 {
                roles: Client, Server;
                Client[guard_capability = "quote.request"] -> Server: Ask(QuoteRequestV2);
                Server -> Client: Answer(QuoteV2);
            }""");

    /** A client written for version 1: sends a PriceRequestV1, expects a PriceV1. */
    static RoleHandler clientV1(List<Object> got) {
        return new RoleHandler() {
            @Override
            public Object payload(SendContext send) {
                return new PriceRequestV1("book");
            }

            @Override
            public void received(ReceiveContext r) {
                got.add(r.payload());
            }
        };
    }

    static RoleHandler serverV2(List<Object> got) {
        return new RoleHandler() {
            @Override
            public Object payload(SendContext send) {
                return new QuoteV2(1250);
            }

            @Override
            public void received(ReceiveContext r) {
                got.add(r.payload());
            }
        };
    }

    static final Adaptation V1_TO_V2 = Adaptation.between("v1", "v2")
            .request("Ask", p -> new QuoteRequestV2(((PriceRequestV1) p).item(), 1))
            .result("Answer", r -> new PriceV1(((QuoteV2) r).cents() / 100.0))
            .capability("quote.request", "price.read");

    @Test
    void aVersionOneClientTakesPartInAVersionTwoSession() {
        List<Object> client = new ArrayList<>();
        List<Object> server = new ArrayList<>();
        InMemoryCapabilities v1Grants = new InMemoryCapabilities().grant("Client", "price.read");
        SessionSpec spec = SessionSpec.of(V2).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Client", () -> V1_TO_V2.handler(clientV1(client)),
                        "Server", () -> serverV2(server)))
                .withExtensions(Extensions.defaults().withCapabilities(V1_TO_V2.capabilities(v1Grants)));
        completed(run(kit, spec));
        assertEquals(List.of(new QuoteRequestV2("book", 1)), server);
        assertEquals(List.of(new PriceV1(12.5)), client);
    }

    @Test
    void unmappedCapabilitiesAreDeniedNamingTheOldName() {
        InMemoryCapabilities v1Grants = new InMemoryCapabilities().grant("Client", "other");
        SessionSpec spec = SessionSpec.of(V2).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Client", () -> V1_TO_V2.handler(clientV1(new ArrayList<>())),
                        "Server", () -> serverV2(new ArrayList<>())))
                .withExtensions(Extensions.defaults().withCapabilities(V1_TO_V2.capabilities(v1Grants)));
        SessionError.CapabilityDenied denied = assertInstanceOf(SessionError.CapabilityDenied.class,
                failed(run(kit, spec)).cause());
        assertTrue(denied.deniedBy().contains("'price.read' of v1"), denied.deniedBy());
    }

    @Test
    void layersComposeFromVersionOneToVersionThree() {
        CompiledProtocol v3 = compile("""
                choreography QuoteV3 {
                    roles: Client, Server;
                    Client[guard_capability = "quotes.create"] -> Server: Ask(QuoteRequestV3);
                    Server -> Client: Answer(QuoteV2);
                }""");
        Adaptation v2ToV3 = Adaptation.between("v2", "v3")
                .request("Ask", p -> new QuoteRequestV3(((QuoteRequestV2) p).sku(), ((QuoteRequestV2) p).quantity(),
                        "EUR"))
                .capability("quotes.create", "quote.request");
        Adaptation chain = V1_TO_V2.then(v2ToV3);
        assertEquals("v1", chain.from());
        assertEquals("v3", chain.to());
        List<Object> client = new ArrayList<>();
        List<Object> server = new ArrayList<>();
        SessionSpec spec = SessionSpec.of(v3).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Client", () -> chain.handler(clientV1(client)),
                        "Server", () -> serverV2(server)))
                .withExtensions(Extensions.defaults().withCapabilities(chain.capabilities(
                        new InMemoryCapabilities().grant("Client", "price.read"))));
        completed(run(kit, spec));
        assertEquals(List.of(new QuoteRequestV3("book", 1, "EUR")), server);
        assertEquals(List.of(new PriceV1(12.5)), client);
    }

    @Test
    void parallelSessionsBroadcastTheAggregateToEveryParticipant() {
        List<SessionSpec> specs = List.of(
                SessionSpec.of(example("negotiation.choreo")).withSessionId("p-1"),
                SessionSpec.of(example("negotiation.choreo")).withSessionId("p-2"));
        TestProbe<ParallelSessions.Aggregate> requester = kit.createTestProbe();
        TestProbe<ParallelSessions.Aggregate> alice = kit.createTestProbe();
        TestProbe<ParallelSessions.Aggregate> bob = kit.createTestProbe();
        kit.spawn(ParallelSessions.create(specs, Duration.ofSeconds(10), requester.ref(),
                List.of(alice.ref(), bob.ref())));
        ParallelSessions.Aggregate result = requester.receiveMessage(Duration.ofSeconds(15));
        assertTrue(result.allCompleted());
        assertEquals(result, alice.receiveMessage(Duration.ofSeconds(5)));
        assertEquals(result, bob.receiveMessage(Duration.ofSeconds(5)));
    }
}
