package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.choreo.console.web.ConsoleServer;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's JSON API and live updates over a real actor system, H2 journal and HTTP server (127.0.0.1:18010-2).
 * Size: four short sessions; about 10 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleServerTest {
    static final int JOURNAL_PORT = 18010;
    static final int LIVE_PORT = 18011;

    ConsoleFixture fixture;
    ConsoleServer fromJournal;
    ConsoleServer live;

    @BeforeAll
    void start() throws Exception {
        fixture = new ConsoleFixture("ConsoleServerTest");
        fromJournal = fixture.console(JOURNAL_PORT, true, false);
        live = fixture.console(LIVE_PORT, false, true);
        fixture.negotiation("deal-1");
        fixture.overBudget("costly-1");
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fromJournal.close();
            live.close();
            fixture.close();
        }
    }

    @Test
    void listsSessionsOfTheJournalWithStatusAndProtocolFilters() throws Exception {
        JsonNode all = eventually(() -> fixture.json(JOURNAL_PORT, "/api/sessions"), l -> l.size() >= 2);
        List<String> ids = new ArrayList<>();
        all.forEach(s -> ids.add(s.get("id").asText()));
        assertTrue(ids.containsAll(List.of("deal-1", "costly-1")), ids.toString());
        JsonNode failed = fixture.json(JOURNAL_PORT, "/api/sessions?status=failed");
        assertEquals(1, failed.size(), failed.toString());
        assertEquals("costly-1", failed.get(0).get("id").asText());
        assertEquals("BudgetExhausted", failed.get(0).get("failureType").asText());
        assertEquals(List.of("Sender", "Receiver"), List.of(failed.get(0).get("participants").get(0).asText(),
                failed.get(0).get("participants").get(1).asText()));
        JsonNode negotiations = fixture.json(JOURNAL_PORT, "/api/sessions?protocol=Negotiation&status=completed");
        List<String> found = new ArrayList<>();
        negotiations.forEach(s -> {
            assertEquals("Negotiation", s.get("protocol").asText());
            assertEquals("completed", s.get("status").asText());
            assertEquals(false, s.get("live").asBoolean(), "this console reads only the journal");
            found.add(s.get("id").asText());
        });
        assertTrue(found.contains("deal-1") && !found.contains("costly-1"), found.toString());
    }

    @Test
    void detailHasTheMessagesEachParticipantsStateAndTheTypedFailure() throws Exception {
        JsonNode deal = eventually(() -> fixture.json(JOURNAL_PORT, "/api/sessions/deal-1"),
                d -> d.get("summary").get("status").asText().equals("completed"));
        assertEquals("Buyer->Seller:Offer Seller->Buyer:Accept", messages(deal));
        assertEquals("finished", deal.get("participants").get("Buyer").asText());
        assertEquals("accept", deal.get("decisions").get("Seller").get(0).asText());
        assertTrue(deal.get("sequenceDiagram").asText().contains("p0->>p1: Offer"), deal.toString());

        JsonNode costly = eventually(() -> fixture.json(JOURNAL_PORT, "/api/sessions/costly-1"),
                d -> d.get("summary").get("status").asText().equals("failed"));
        JsonNode failure = costly.get("failure");
        assertEquals("BudgetExhausted", failure.get("type").asText());
        assertEquals(200, failure.get("fields").get("cost").asInt());
        assertEquals("Sender", failure.get("fields").get("participant").asText());
        assertEquals("stopped about to send Receiver!HighCostMessage",
                costly.get("participants").get("Sender").asText());
        assertEquals("stopped waiting for Sender?HighCostMessage",
                costly.get("participants").get("Receiver").asText());
    }

    @Test
    void aLiveSessionShowsWhereEachParticipantStandsAndIsPushedBySse() throws Exception {
        CompletableFuture<String> pushed = firstEvent(LIVE_PORT, "live-1");
        CountDownLatch decide = new CountDownLatch(1);
        RoleHandler slowSeller = new RoleHandler() {
            @Override
            public String choose(ChoiceContext choice) {
                try {
                    decide.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "accept";
            }
        };
        TestProbe<SessionOutcome> outcome = fixture.kit.createTestProbe();
        fixture.kit.spawn(SessionActor.create(SessionSpec.of(RuntimeTestSupport.example("negotiation.choreo"))
                .withSessionId("live-1").withTimeout(ConsoleFixture.TIMEOUT).withTrace(true)
                .withRoleHandlers(Map.of("Seller", () -> slowSeller), RoleHandlers.defaults()), outcome.ref()));
        try {
            JsonNode running = eventually(() -> fixture.json(LIVE_PORT, "/api/sessions/live-1"),
                    d -> d.get("messages").size() == 1);
            assertEquals("running", running.get("summary").get("status").asText());
            assertTrue(running.get("summary").get("live").asBoolean());
            assertEquals("waiting for Seller?Accept or Seller?Reject", running.get("participants").get("Buyer")
                    .asText());
            assertEquals("about to send Buyer!Accept or Buyer!Reject", running.get("participants").get("Seller")
                    .asText());
            String event = pushed.get(10, TimeUnit.SECONDS);
            assertTrue(event.equals("live-1") || event.equals("*"), event);   // "*": several changes, conflated
        } finally {
            decide.countDown();
        }
        RuntimeTestSupport.completed(outcome.receiveMessage(Duration.ofSeconds(20)));
        eventually(() -> fixture.json(LIVE_PORT, "/api/sessions?status=completed"),
                l -> l.findValuesAsText("id").contains("live-1"));
    }

    @Test
    void theJournalConsolePushesSessionsAsTheyAreJournaled() throws Exception {
        CompletableFuture<String> pushed = firstEvent(JOURNAL_PORT, "deal-2");
        fixture.negotiation("deal-2");
        String event = pushed.get(30, TimeUnit.SECONDS);
        assertTrue(event.equals("deal-2") || event.equals("*"), event);   // "*": several changes, conflated
        eventually(() -> fixture.json(JOURNAL_PORT, "/api/sessions"), l -> l.findValuesAsText("id").contains("deal-2"));
    }

    @Test
    void anUnknownSessionIsNotFoundAndPagesAndAssetsAreServed() throws Exception {
        HttpResponse<String> missing = fixture.get(JOURNAL_PORT, "/api/sessions/no-such");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"no session no-such\"}", missing.body());
        assertEquals(404, fixture.get(JOURNAL_PORT, "/sessions/no-such").statusCode());
        HttpResponse<String> page = fixture.get(JOURNAL_PORT, "/?status=failed");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("src=\"/assets/mermaid.min.js\""), page.body());
        HttpResponse<String> mermaid = fixture.get(JOURNAL_PORT, "/assets/mermaid.min.js");
        assertEquals(200, mermaid.statusCode());
        assertTrue(mermaid.body().length() > 1_000_000, "the bundled renderer");
    }

    private static String messages(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.get("messages").forEach(m -> out.add(m.get("from").asText() + "->" + m.get("to").asText() + ":"
                + m.get("label").asText()));
        return String.join(" ", out);
    }

    /** Subscribes to the server-sent events; completes with the first naming {@code id}, or "*" (conflated changes). */
    private CompletableFuture<String> firstEvent(int port, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events")).build();
        CountDownLatch subscribed = new CountDownLatch(1);
        CompletableFuture<String> found = fixture.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(r -> {
                    try (Stream<String> lines = r.body()) {
                        return lines.peek(l -> {
                            if (l.equals("event:hello")) {
                                subscribed.countDown();
                            }
                        }).filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim())
                                .filter(d -> d.equals(id) || d.equals("*")).findFirst().orElse(null);
                    }
                });
        assertTrue(subscribed.await(10, TimeUnit.SECONDS), "subscribed to /api/events");
        return found;
    }

    interface Fetch {
        JsonNode get() throws Exception;
    }

    static JsonNode eventually(Fetch fetch, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonNode last = fetch.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in 15 s; last answer: " + last);
            }
            Thread.sleep(100);
            last = fetch.get();
        }
        return last;
    }
}
