package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every message is serialized with Jackson CBOR (serialize-messages on), as it would be between nodes. */
class SerializationTest {
    static final ActorTestKit kit = ActorTestKit.create("serialized", ConfigFactory.parseString(
            "pekko.actor.serialize-messages = on\npekko.actor.no-serialization-verification-needed-class-prefix = "
                    + "[\"io.choreo.runtime.session.SessionActor\", \"org.apache.pekko\"]")
            .withFallback(ConfigFactory.load("application-test")));

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    record Offer(String item, long priceCents, List<String> tags) {
    }

    @Test
    void payloadsCrossTheSerializerIntact() {
        List<Object> received = new ArrayList<>();
        SessionSpec spec = SessionSpec.of(example("negotiation.choreo")).withTimeout(RuntimeTestSupport.SHORT)
                .withRoleHandlers(Map.of(
                        "Buyer", () -> new RoleHandler() {
                            @Override
                            public Object payload(SendContext s) {
                                return new Offer("lamp", 4_999, List.of("used", "blue"));
                            }
                        },
                        "Seller", () -> new RoleHandler() {
                            @Override
                            public void received(ReceiveContext r) {
                                received.add(r.payload());
                            }

                            @Override
                            public Object result() {
                                return "sold";
                            }
                        }), RoleHandlers.defaults());
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(List.of(new Offer("lamp", 4_999, List.of("used", "blue"))), received);
        assertEquals("sold", done.results().get("Seller"));
    }

    /**
     * A participant's result that is a collection crosses as a {@code List}, {@code Map} or {@code Set} of JSON values
     * whatever its class: an immutable {@code List.of} once went as "ListN", an id no other node knows, and a cluster
     * session whose participant returned one never completed.
     */
    @Test
    void collectionResultsCrossUnderTheirInterfaceName() {
        var serialization = SerializationExtension.get(kit.system());
        for (Object result : List.of(List.of("a", 1L), Map.of("k", true), java.util.Set.of("s"))) {
            var finished = new io.choreo.runtime.session.SessionActor.RoleFinished("A", result);
            var serializer = serialization.findSerializerFor(finished);
            byte[] bytes = serialization.serialize(finished).get();
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("List@1") || text.contains("Map@1") || text.contains("Set@1"), text);
            assertFalse(text.contains("ListN") || text.contains("MapN") || text.contains("Set12")
                    || text.contains("SetN") || text.contains("Map1") || text.contains("List12"), text);
            var back = (io.choreo.runtime.session.SessionActor.RoleFinished) serialization.deserialize(bytes,
                    serializer.identifier(), Serializers.manifestFor(serializer, finished)).get();
            assertEquals(result.toString(), back.result().toString());
        }
    }

    @Test
    void outcomesUseTheCborSerializer() {
        var serialization = SerializationExtension.get(kit.system());
        var outcome = new SessionOutcome.SessionFailed("s", "P",
                new io.choreo.runtime.session.SessionError.BudgetExhausted("A", "M", 3, 100, 5), List.of());
        var serializer = serialization.findSerializerFor(outcome);
        assertEquals("JacksonCborSerializer", serializer.getClass().getSimpleName());
        byte[] bytes = serialization.serialize(outcome).get();
        Object back = serialization.deserialize(bytes, serializer.identifier(),
                Serializers.manifestFor(serializer, outcome)).get();
        assertEquals(outcome, back);
    }

    @Test
    void theNewErrorsAndTheBoundedTraceSurviveTheSerializer() {
        var serialization = SerializationExtension.get(kit.system());
        var trace = List.of(new io.choreo.runtime.session.TraceEvent("A", "B", "M", false, 0, List.of()));
        List<SessionOutcome> outcomes = List.of(
                new SessionOutcome.SessionFailed("s", "P", new io.choreo.runtime.session.SessionError.HandlerFailed(
                        "A", "received(M): java.lang.StackOverflowError", "java.lang.StackOverflowError\n\tat X"),
                        trace, 7),
                new SessionOutcome.SessionFailed("s", "P", new io.choreo.runtime.session.SessionError.NoBranchEnabled(
                        "C", 3, List.of("a when (x > 1)"), Map.of("x", "0")), List.of()),
                new SessionOutcome.SessionFailed("s", "P", new io.choreo.runtime.session.SessionError.GuardFailed(
                        "C", 3, "chose 'b'"), List.of()),
                new SessionOutcome.SessionFailed("s", "P", new io.choreo.runtime.session.SessionError
                        .SessionIdConflict("s", "P (fingerprint 0123)", "Q (fingerprint 4567)"), List.of()),
                new SessionOutcome.SessionFailed("s", "P", new io.choreo.runtime.session.SessionError
                        .VersionNotHosted("A", "P", "1", "pekko://choreo@127.0.0.1:2551", List.of("2")), List.of()),
                new SessionOutcome.SessionCompleted("s", "P", Map.of("A", "done"), trace, 12_345));
        for (SessionOutcome outcome : outcomes) {
            var serializer = serialization.findSerializerFor(outcome);
            byte[] bytes = serialization.serialize(outcome).get();
            assertEquals(outcome, serialization.deserialize(bytes, serializer.identifier(),
                    Serializers.manifestFor(serializer, outcome)).get());
        }
    }

    /** Counts instances: an envelope naming it must never create one. */
    public record Evil(String value) {
        static final java.util.concurrent.atomic.AtomicInteger MADE = new java.util.concurrent.atomic.AtomicInteger();

        public Evil {
            MADE.incrementAndGet();
        }
    }

    @Test
    void anEnvelopeNamingATypeOutsideTheProtocolIsRejectedAndNothingIsInstantiated() throws Exception {
        var serialization = SerializationExtension.get(kit.system());
        io.choreo.runtime.engine.PayloadTypeIds.learn("Offer", Offer.class);
        var envelope = new io.choreo.runtime.role.RoleActor.Envelope("s", "A", "B", "Offer", 1,
                new Offer("lamp", 1, List.of()), Set.of(), false);
        var serializer = serialization.findSerializerFor(envelope);
        var mapper = org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider.get(kit.system())
                .getOrCreate("jackson-cbor", java.util.Optional.empty());
        String manifest = Serializers.manifestFor(serializer, envelope);
        var tree = (com.fasterxml.jackson.databind.node.ArrayNode) mapper.readTree(serialization.serialize(envelope)
                .get());
        assertEquals(9, tree.size(), "an envelope is its values, without field names: " + tree);
        assertEquals(List.of("s", "A", "B", "Offer"), List.of(tree.get(0).asText(), tree.get(1).asText(),
                tree.get(2).asText(), tree.get(3).asText()), tree.toString());
        int payloadAt = 5;
        assertTrue(tree.get(payloadAt).isArray(), "payload as [type id, value]: " + tree);
        assertEquals("Offer@1", tree.get(payloadAt).get(0).asText(), "a type id, not a class name: " + tree);
        for (String id : List.of(Evil.class.getName(), "Evil@1", "java.io.File")) {
            var forged = tree.deepCopy();
            var payload = mapper.createArrayNode().add(id).add(mapper.createObjectNode().put("value", "x"));
            forged.set(payloadAt, payload);
            var back = serialization.deserialize(mapper.writeValueAsBytes(forged), serializer.identifier(), manifest);
            assertTrue(back.isFailure(), id + " must be rejected");
            Throwable cause = back.failed().get();
            while (cause != null && !(cause instanceof io.choreo.runtime.engine.PayloadTypeIds.UndeclaredPayloadType)) {
                cause = cause.getCause();
            }
            assertTrue(cause != null, "typed error for " + id + ": " + back.failed().get());
        }
        assertEquals(0, Evil.MADE.get(), "nothing instantiated");
    }
}
