package io.choreo.runtime.resilience;

import static io.choreo.runtime.RuntimeTestSupport.SHORT;
import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.runtime.compose.ParallelSessions;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The guide's parallel aggregation and layered capability context, as the guide describes them. */
class GuidePatternsTest {
    static final ActorTestKit kit = ActorTestKit.create("guide", ConfigFactory.load("application-test"));

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    /** A negotiation whose Seller (the worker) computes {@code value}. */
    static SessionSpec worker(String id, int value) {
        return SessionSpec.of(example("negotiation.choreo")).withSessionId(id).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Seller", () -> new RoleHandler() {
                    @Override
                    public Object result() {
                        return value;
                    }
                }), RoleHandlers.defaults());
    }

    @Test
    void parallelWorkersResultsAreAggregatedThenTheAggregateIsBroadcast() {
        List<SessionSpec> specs = List.of(worker("w-1", 3), worker("w-2", 4), worker("w-3", 5));
        TestProbe<ParallelSessions.Aggregated<Integer>> requester = kit.createTestProbe();
        TestProbe<ParallelSessions.Aggregated<Integer>> alice = kit.createTestProbe();
        TestProbe<ParallelSessions.Aggregated<Integer>> bob = kit.createTestProbe();
        kit.spawn(ParallelSessions.aggregating(specs, Duration.ofSeconds(10),
                all -> all.results("Seller").stream().mapToInt(r -> (Integer) r).sum(), requester.ref(),
                List.of(alice.ref(), bob.ref())));
        ParallelSessions.Aggregated<Integer> sum = requester.receiveMessage(Duration.ofSeconds(15));
        assertEquals(12, sum.result());
        assertNull(sum.aggregationError());
        assertTrue(sum.sessions().allCompleted());
        assertEquals(sum, alice.receiveMessage(Duration.ofSeconds(5)));
        assertEquals(sum, bob.receiveMessage(Duration.ofSeconds(5)));
    }

    @Test
    void anAggregationThatThrowsIsReportedNotLost() {
        TestProbe<ParallelSessions.Aggregated<Object>> requester = kit.createTestProbe();
        kit.spawn(ParallelSessions.aggregating(List.of(worker("x-1", 1)), Duration.ofSeconds(10), all -> {
            throw new IllegalStateException("cannot combine");
        }, requester.ref(), List.of()));
        ParallelSessions.Aggregated<Object> out = requester.receiveMessage(Duration.ofSeconds(15));
        assertNull(out.result());
        assertEquals("java.lang.IllegalStateException: cannot combine", out.aggregationError());
        assertEquals(1, out.sessions().completed().size());
    }

    /** Layer by layer, each refining the context the next sees; the handler of the send gets the refined context. */
    static LayeredCapabilities layers() {
        return new LayeredCapabilities(List.of(
                layer("organisation", (s, cap, ctx) -> LayeredCapabilities.Verdict.allow("tenant", "acme")),
                layer("team", (s, cap, ctx) -> ctx.get("tenant").equals("acme")
                        ? new LayeredCapabilities.Verdict.Allow(Map.of("clearance", s.role().equals("Client")
                        ? "high" : "low"))
                        : LayeredCapabilities.Verdict.deny("unknown tenant")),
                layer("session", (s, cap, ctx) -> ctx.get("clearance").equals("high")
                        ? LayeredCapabilities.Verdict.allow("scope", cap)
                        : LayeredCapabilities.Verdict.deny("clearance " + ctx.get("clearance") + " for " + cap))));
    }

    interface Check {
        LayeredCapabilities.Verdict check(SendContext send, String capability, Map<String, String> context);
    }

    static LayeredCapabilities.Layer layer(String name, Check check) {
        return new LayeredCapabilities.Layer() {
            public String name() {
                return name;
            }

            public LayeredCapabilities.Verdict check(SendContext s, String cap, Map<String, String> ctx) {
                return check.check(s, cap, ctx);
            }
        };
    }

    /** secure.choreo with a Client that records the capability context of its send. */
    static SessionSpec recordingClient(List<Map<String, String>> seen) {
        return SessionSpec.of(example("secure.choreo")).withTimeout(SHORT)
                .withRoleHandlers(Map.of("Client", () -> new RoleHandler() {
                    @Override
                    public Object payload(SendContext send) {
                        seen.add(send.capabilityContext());
                        return null;
                    }
                }), RoleHandlers.defaults());
    }

    @Test
    void layeredCapabilitiesHandTheRefinedContextToTheApplication() {
        List<Map<String, String>> seen = Collections.synchronizedList(new ArrayList<>());
        SessionSpec spec = recordingClient(seen).withExtensions(Extensions.defaults().withCapabilities(layers()));
        SessionError.CapabilityDenied denied = assertInstanceOf(SessionError.CapabilityDenied.class,
                failed(run(kit, spec)).cause());
        assertEquals(List.of(Map.of("tenant", "acme", "clearance", "high", "scope", "send_request")), seen,
                "the Client's send carried what the three layers established");
        assertEquals("Server", denied.participant());
        assertEquals("layer 'session': clearance low for process_request", denied.deniedBy());
    }

    @Test
    void anUnlayeredStoreGivesAnEmptyContext() {
        List<Map<String, String>> seen = Collections.synchronizedList(new ArrayList<>());
        SessionSpec spec = recordingClient(seen);
        completed(run(kit, spec));
        assertEquals(List.of(Map.of()), seen);
    }
}
