package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.console.telemetry.MeteredBudget;
import io.choreo.console.telemetry.SessionTelemetry;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.extension.InMemoryFlowBudget;
import io.choreo.runtime.observe.SessionListeners;
import io.choreo.runtime.session.SessionSpec;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session telemetry read back from the OpenTelemetry SDK's in-memory exporters (opentelemetry-sdk-testing): counters
 * by protocol and cause, the message latency histogram, the remaining budget gauge and a span per session with an
 * event per message. Size: three in-memory sessions; about 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTelemetryTest {
    @RegisterExtension
    static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

    ActorTestKit kit;

    @BeforeAll
    void start() {
        kit = ActorTestKit.create("SessionTelemetryTest", ConfigFactory.load("application-test"));
    }

    @AfterAll
    void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void countsTimesAndTracesEverySessionAndReportsTheBudgetLeft() throws Exception {
        try (AutoCloseable registration = SessionListeners.get(kit.system())
                .add(new SessionTelemetry(OTEL.getOpenTelemetry()))) {
            SessionSpec negotiation = SessionSpec.of(RuntimeTestSupport.example("negotiation.choreo"))
                    .withSessionId("t-deal").withTimeout(Duration.ofSeconds(10)).withTrace(true);
            RuntimeTestSupport.completed(RuntimeTestSupport.run(kit, negotiation));
            RuntimeTestSupport.completed(RuntimeTestSupport.run(kit, negotiation.withSessionId("t-deal-2")));
            SessionSpec budgeted = SessionSpec.of(RuntimeTestSupport.example("budgeted.choreo"))
                    .withSessionId("t-costly").withTimeout(Duration.ofSeconds(10)).withTrace(true);
            RuntimeTestSupport.completed(RuntimeTestSupport.run(kit, budgeted.withSessionId("t-paid")
                    .withExtensions(Extensions.defaults().withBudget(new MeteredBudget(
                            InMemoryFlowBudget.perParticipant(1_000), OTEL.getOpenTelemetry())))));
            RuntimeTestSupport.failed(RuntimeTestSupport.run(kit, budgeted
                    .withExtensions(Extensions.defaults().withBudget(InMemoryFlowBudget.perParticipant(100)))));
        }

        assertEquals(Map.of("Negotiation", 2L, "BudgetedProtocol", 2L), byProtocol("choreo.sessions.started"));
        assertEquals(Map.of("Negotiation", 2L, "BudgetedProtocol", 1L), byProtocol("choreo.sessions.completed"));
        LongPointData failed = metric("choreo.sessions.failed").getLongSumData().getPoints().iterator().next();
        assertEquals(1, failed.getValue());
        assertEquals(Attributes.of(AttributeKey.stringKey("protocol"), "BudgetedProtocol",
                AttributeKey.stringKey("cause"), "BudgetExhausted"), failed.getAttributes());
        long latencies = metric("choreo.message.latency").getHistogramData().getPoints().stream()
                .mapToLong(p -> p.getCount()).sum();
        assertEquals(2 + 2 + 3, latencies, "one latency per message sent");
        Map<String, Long> budget = metric("choreo.budget.remaining").getLongGaugeData().getPoints().stream()
                .collect(Collectors.toMap(p -> p.getAttributes().get(AttributeKey.stringKey("role")),
                        LongPointData::getValue));
        assertEquals(Map.of("Sender", 700L, "Receiver", 950L), budget, "1000 - 200 - 100 and 1000 - 50");

        List<SpanData> spans = OTEL.getSpans();
        assertEquals(4, spans.size());
        SpanData deal = span(spans, "t-deal");
        assertEquals("choreo.session Negotiation", deal.getName());
        assertEquals(List.of("Buyer->Seller:Offer", "Seller->Buyer:Accept"), deal.getEvents().stream()
                .map(SessionTelemetryTest::message).toList());
        SpanData costly = span(spans, "t-costly");
        assertEquals(StatusCode.ERROR, costly.getStatus().getStatusCode());
        assertEquals("BudgetExhausted", costly.getAttributes().get(AttributeKey.stringKey("cause")));
        assertTrue(costly.getEvents().isEmpty(), "nothing was sent");
        assertTrue(costly.hasEnded() && deal.hasEnded());
    }

    private static String message(EventData e) {
        return e.getAttributes().get(AttributeKey.stringKey("from")) + "->"
                + e.getAttributes().get(AttributeKey.stringKey("to")) + ":"
                + e.getAttributes().get(AttributeKey.stringKey("label"));
    }

    private static SpanData span(List<SpanData> spans, String sessionId) {
        return spans.stream().filter(s -> sessionId.equals(s.getAttributes().get(
                AttributeKey.stringKey("choreo.session.id")))).findFirst().orElseThrow(() ->
                new AssertionError("no span of " + sessionId + " in " + spans));
    }

    private static Map<String, Long> byProtocol(String name) {
        return metric(name).getLongSumData().getPoints().stream().collect(Collectors.toMap(
                p -> p.getAttributes().get(AttributeKey.stringKey("protocol")), LongPointData::getValue));
    }

    private static MetricData metric(String name) {
        return OTEL.getMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + OTEL.getMetrics()));
    }
}
