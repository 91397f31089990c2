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
import io.choreo.runtime.handler.ActorPlayedRole;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Payloads checked against declared types at send; asynchronous and actor-played roles (a few seconds). */
class PayloadAndAsyncTest {
    static final ActorTestKit kit = ActorTestKit.create("payloads");

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    /** An application class a protocol declares. */
    public record Order(String item, int quantity) {
    }

    static final CompiledProtocol SHOP = compile("choreography Shop { roles: Customer, Shop;"
            + " Customer -> Shop: PlaceOrder(Order); Shop -> Customer: Confirm(String); }");

    private static SessionSpec shop(Object order, Object confirmation) {
        return SessionSpec.of(SHOP).withTimeout(SHORT).withPayloadClass("Order", Order.class)
                .withRoleHandlers(Map.of("Customer", () -> new RoleHandler() {
                    @Override
                    public Object payload(SendContext send) {
                        return order;
                    }
                }, "Shop", () -> new RoleHandler() {
                    @Override
                    public Object payload(SendContext send) {
                        return confirmation;
                    }
                }));
    }

    @Test
    void payloadsOfTheDeclaredTypeTravel() {
        completed(run(kit, shop(new Order("book", 2), "ok")));
    }

    @Test
    void aPayloadOfAnotherTypeFailsTheSessionNamingRoleMessageAndTypes() {
        SessionOutcome.SessionFailed f = failed(run(kit, shop(new Object(), "ok")));
        SessionError.PayloadTypeMismatch m = assertInstanceOf(SessionError.PayloadTypeMismatch.class, f.cause());
        assertEquals(new SessionError.PayloadTypeMismatch("Customer", "PlaceOrder", "Order", "java.lang.Object"), m);
        assertTrue(f.cause().describe().contains("declares Order"), f.cause().describe());
    }

    @Test
    void nullWhereAPayloadIsDeclaredAndWellKnownJdkTypesAreChecked() {
        SessionError.PayloadTypeMismatch none = assertInstanceOf(SessionError.PayloadTypeMismatch.class,
                failed(run(kit, shop(null, "ok"))).cause());
        assertEquals("null", none.actual());
        SessionError.PayloadTypeMismatch notString = assertInstanceOf(SessionError.PayloadTypeMismatch.class,
                failed(run(kit, shop(new Order("pen", 1), 42))).cause());
        assertEquals(List.of("Shop", "Confirm", "String", "java.lang.Integer"),
                List.of(notString.participant(), notString.message(), notString.expected(), notString.actual()));
    }

    @Test
    void asynchronousHandlersAreAwaitedAndTheRoleStaysResponsive() {
        var later = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
        SessionSpec spec = SessionSpec.of(example("negotiation.choreo")).withTimeout(SHORT).withTrace(true)
                .withRoleHandlers(Map.of("Buyer", () -> new AsyncRoleHandler() {
                    @Override
                    public CompletionStage<Object> payloadAsync(SendContext send) {
                        return CompletableFuture.supplyAsync(() -> "offer", later);
                    }
                }, "Seller", () -> new AsyncRoleHandler() {
                    @Override
                    public CompletionStage<String> chooseAsync(ChoiceContext choice) {
                        return CompletableFuture.supplyAsync(() -> "reject", later);
                    }

                    @Override
                    public CompletionStage<Void> receivedAsync(ReceiveContext received) {
                        return CompletableFuture.runAsync(() -> { }, later);
                    }
                }));
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(List.of("Offer", "Reject"), done.trace().stream().map(TraceEvent::label).toList());

        SessionSpec stuck = SessionSpec.of(example("negotiation.choreo")).withTimeout(Duration.ofMillis(500))
                .withRoleHandlers(Map.of("Buyer", () -> new AsyncRoleHandler() {
                    @Override
                    public CompletionStage<Object> payloadAsync(SendContext send) {
                        return new CompletableFuture<>();
                    }
                }, "Seller", () -> new RoleHandler() {
                }));
        SessionError.SessionTimedOut t = assertInstanceOf(SessionError.SessionTimedOut.class,
                failed(run(kit, stuck)).cause());
        assertTrue(t.unfinished().stream().anyMatch(s -> s.contains("Buyer is waiting for its handler: payload for"
                + " Offer")), t.unfinished().toString());
    }

    @Test
    void aRoleCanBePlayedByAnApplicationActor() {
        ActorRef<ActorPlayedRole.Request> seller = kit.spawn(Behaviors.receiveMessage(r -> {
            if (r instanceof ActorPlayedRole.ChooseBranch c) {
                c.replyTo().tell(new ActorPlayedRole.Chosen("reject"));
            } else if (r instanceof ActorPlayedRole.ProvidePayload p) {
                p.replyTo().tell(new ActorPlayedRole.Payload("no thanks"));
            } else if (r instanceof ActorPlayedRole.MessageReceived m) {
                m.replyTo().tell(Done.getInstance());
            }
            return Behaviors.same();
        }));
        SessionSpec spec = SessionSpec.of(example("negotiation.choreo")).withTimeout(SHORT).withTrace(true)
                .withRoleHandlers(Map.of("Buyer", () -> new RoleHandler() {
                }, "Seller", () -> new ActorPlayedRole(seller, Duration.ofSeconds(3), kit.scheduler())));
        assertEquals(List.of("Offer", "Reject"), completed(run(kit, spec)).trace().stream()
                .map(TraceEvent::label).toList());

        ActorRef<ActorPlayedRole.Request> silent = kit.spawn(Behaviors.receiveMessage(r -> Behaviors.same()));
        SessionSpec unanswered = spec.withRoleHandlers(Map.of("Buyer", () -> new RoleHandler() {
        }, "Seller", () -> new ActorPlayedRole(silent, Duration.ofMillis(200), kit.scheduler())));
        SessionError.HandlerFailed h = assertInstanceOf(SessionError.HandlerFailed.class,
                failed(run(kit, unanswered)).cause());
        assertTrue(h.detail().contains("received(Offer)") && h.detail().contains("TimeoutException"), h.detail());
    }
}
