package io.choreo.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.persistence.durable.DurableRole;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.handler.AsyncRoleHandler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous handlers on durable participants: every answer (payload, choice, loop decision, receive) arrives
 * later on another thread, the participant keeps its journal batches, and a session stuck on a handler resumes with
 * a fresh handler that is shown the receives it missed (a few seconds, in-memory journal).
 */
class DurableAsyncTest {
    static final ActorTestKit kit = ActorTestKit.create("durable-async", PersistenceTestKitPlugin.getInstance()
            .config().withFallback(ConfigFactory.load("application-test")));
    static final PersistenceTestKit journal = PersistenceTestKit.create(kit.system());
    static final Executor later = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);
    static final CompiledProtocol ROUNDS = RuntimeTestSupport.compile("""
            choreography Haggle {
              roles: Buyer, Seller;
              loop (decides: Buyer) {
                Buyer -> Seller: Offer(String);
                choice Seller {
                  accept: { Seller -> Buyer: Accept; }
                  reject: { Seller -> Buyer: Reject; }
                }
              }
            }
            """);

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    /** Offers {@code rounds} times, each answer later; its result is the labels it heard. */
    static AsyncRoleHandler buyer(int rounds) {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        return new AsyncRoleHandler() {
            @Override
            public CompletionStage<Boolean> continueLoopAsync(LoopContext loop) {
                return CompletableFuture.supplyAsync(() -> loop.iteration() < rounds, later);
            }

            @Override
            public CompletionStage<Object> payloadAsync(SendContext send) {
                return CompletableFuture.supplyAsync(() -> "offer-" + heard.size(), later);
            }

            @Override
            public CompletionStage<Void> receivedAsync(ReceiveContext received) {
                return CompletableFuture.runAsync(() -> heard.add(received.label()), later);
            }

            @Override
            public Object result() {
                return List.copyOf(heard);
            }
        };
    }

    /** Accepts the offers {@code accept} says yes to (by offer number), answering {@code stuckAt} never. */
    static AsyncRoleHandler seller(IntPredicate accept, int stuckAt) {
        List<Object> offers = Collections.synchronizedList(new ArrayList<>());
        return new AsyncRoleHandler() {
            @Override
            public CompletionStage<String> chooseAsync(ChoiceContext choice) {
                int n = offers.size() - 1;
                return n == stuckAt ? new CompletableFuture<>()
                        : CompletableFuture.supplyAsync(() -> accept.test(n) ? "accept" : "reject", later);
            }

            @Override
            public CompletionStage<Void> receivedAsync(ReceiveContext received) {
                return CompletableFuture.runAsync(() -> offers.add(received.payload()), later);
            }

            @Override
            public Object result() {
                return List.copyOf(offers);
            }
        };
    }

    static SessionSpec haggle(String id, AsyncRoleHandler buyer, AsyncRoleHandler seller, Duration timeout) {
        return DurableSessions.durable(SessionSpec.of(ROUNDS).withSessionId(id).withTimeout(timeout)
                .withRoleHandlers(Map.of("Buyer", () -> buyer, "Seller", () -> seller)));
    }

    @Test
    void asynchronousAnswersDriveADurableSession() {
        SessionOutcome.SessionCompleted done = RuntimeTestSupport.completed(RuntimeTestSupport.run(kit,
                haggle("async-1", buyer(3), seller(n -> n % 2 == 0, -1), Duration.ofSeconds(20))));
        assertEquals(List.of("Accept", "Reject", "Accept"), done.results().get("Buyer"));
        assertEquals(List.of("offer-0", "offer-1", "offer-2"), done.results().get("Seller"));
        assertEquals(7, done.messages(), "three offers, three answers, and the loop's end told to the seller");
    }

    @Test
    void aFailedWriteWhileTheHandlerWorksRestartsTheParticipantWhichAsksAgain() {
        SessionSpec spec = haggle("async-4", buyer(2), seller(n -> true, -1), Duration.ofSeconds(20));
        journal.failNextPersisted(DurableRole.persistenceId("async-4", "Buyer").id());
        SessionOutcome.SessionCompleted done = RuntimeTestSupport.completed(RuntimeTestSupport.run(kit, spec));
        assertEquals(List.of("offer-0", "offer-1"), done.results().get("Seller"));
        assertEquals(List.of("Accept", "Accept"), done.results().get("Buyer"));
    }

    @Test
    void aFailedAnswerFailsTheSessionWithTheHandlersCause() {
        AsyncRoleHandler failing = new AsyncRoleHandler() {
            @Override
            public CompletionStage<Object> payloadAsync(SendContext send) {
                return CompletableFuture.failedFuture(new IllegalStateException("pricing service down"));
            }

            @Override
            public CompletionStage<Boolean> continueLoopAsync(LoopContext loop) {
                return CompletableFuture.completedFuture(true);
            }
        };
        SessionOutcome.SessionFailed failed = assertInstanceOf(SessionOutcome.SessionFailed.class,
                RuntimeTestSupport.run(kit, haggle("async-2", failing, seller(n -> true, -1),
                        Duration.ofSeconds(20))));
        SessionError.HandlerFailed cause = assertInstanceOf(SessionError.HandlerFailed.class, failed.cause());
        assertTrue(cause.describe().contains("pricing service down"), cause.describe());
    }

    @Test
    void aSessionStuckOnAHandlerResumesWithAFreshHandlerThatHearsWhatItMissed() {
        SessionOutcome.SessionFailed stuck = assertInstanceOf(SessionOutcome.SessionFailed.class,
                RuntimeTestSupport.run(kit, haggle("async-3", buyer(3), seller(n -> true, 1),
                        Duration.ofSeconds(2))));
        SessionError.SessionTimedOut timedOut = assertInstanceOf(SessionError.SessionTimedOut.class, stuck.cause());
        assertTrue(timedOut.unfinished().stream().anyMatch(s -> s.startsWith("Seller is waiting for its handler: "
                + "choice at line")), timedOut.unfinished().toString());

        SessionOutcome.SessionCompleted resumed = RuntimeTestSupport.completed(RuntimeTestSupport.run(kit,
                haggle("async-3", buyer(3), seller(n -> true, -1), Duration.ofSeconds(20))));
        // the fresh seller was shown both offers received before the stop, then the third
        assertEquals(List.of("offer-0", "offer-1", "offer-2"), resumed.results().get("Seller"));
        assertEquals(List.of("Accept", "Accept", "Accept"), resumed.results().get("Buyer"));
    }
}
