package io.choreo.runtime;

import static io.choreo.runtime.RuntimeTestSupport.completed;
import static io.choreo.runtime.RuntimeTestSupport.example;
import static io.choreo.runtime.RuntimeTestSupport.failed;
import static io.choreo.runtime.RuntimeTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.handler.ChoiceContext;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionError;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.TraceEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sessions run for real on an ActorTestKit system. */
class SessionRunTest {
    static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        kit.shutdownTestKit();
    }

    static Stream<Path> corpus() {
        return TestCorpus.allFiles();
    }

    /** Binds every array of unbound size to 5 instances and every other symbol to 3. */
    static SessionSpec withDefaultBindings(CompiledProtocol p) {
        SessionSpec spec = SessionSpec.of(p).withTimeout(RuntimeTestSupport.SHORT)
                .withHandlers((role, participant, name) -> new RoleHandler() {
                    @Override
                    public String choose(ChoiceContext c) {
                        return c.options().stream().filter(o -> o.guard().isEmpty()).findFirst()
                                .map(ChoiceContext.Option::label).orElse(c.labels().get(0));
                    }
                });
        spec = spec.withBindings(io.choreo.projection.bind.ResolvedBindings.forChecking(p.global(),
                io.choreo.projection.bind.Bindings.none(), 5, 3).bindings());
        return spec;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everySeedProtocolRunsToCompletion(Path file) throws Exception {
        for (CompiledProtocol p : Compiler.compile(file).protocols()) {
            SessionOutcome.SessionCompleted done = completed(run(kit, withDefaultBindings(p)));
            assertEquals(p.name(), done.protocol());
            assertTrue(done.messages() > 0 && done.trace().isEmpty(), "messages were exchanged, untraced by default");
        }
    }

    /** A Leader that counts votes; Followers that vote with their instance name. */
    record Vote(String voter, boolean yes) {
    }

    @Test
    void consensusWithFiveFollowersGathersFiveVotes() {
        CompiledProtocol p = example("consensus.choreo");
        List<String> names = List.of("alice", "bob", "carol", "dave", "erin");
        List<Object> votes = new ArrayList<>();
        SessionSpec spec = SessionSpec.of(p).withTrace(true).bindInstances("Followers", names).withTimeout(RuntimeTestSupport.SHORT)
                .withHandlers((role, participant, name) -> role.equals("Leader") ? new RoleHandler() {
                    @Override
                    public void received(ReceiveContext r) {
                        votes.add(r.payload());
                    }

                    @Override
                    public Object result() {
                        return votes.size();
                    }
                } : new RoleHandler() {
                    @Override
                    public Object payload(SendContext s) {
                        return new Vote(name, !name.equals("bob"));
                    }
                });
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(5, done.results().get("Leader"));
        assertEquals(5, votes.size());
        assertTrue(votes.contains(new Vote("bob", false)), votes.toString());
        assertEquals(10, done.trace().size(), "5 proposals and 5 votes: " + done.trace());
        assertTrue(done.trace().stream().anyMatch(e -> e.from().equals("Followers[4]") && e.label().equals("Vote")));
    }

    static RoleHandler recorder(List<String> log) {
        return new RoleHandler() {
            @Override
            public void received(ReceiveContext r) {
                log.add(r.from() + "?" + r.label());
            }

            @Override
            public Object result() {
                return List.copyOf(log);
            }
        };
    }

    @Test
    void guardedChoiceGoesBothWays() {
        CompiledProtocol p = example("conditional.choreo");
        for (int balance : new int[] {100, 10}) {
            List<String> serverLog = new ArrayList<>();
            SessionSpec spec = SessionSpec.of(p).withTrace(true).withTimeout(RuntimeTestSupport.SHORT).withRoleHandlers(Map.of(
                    "Client", () -> new RoleHandler() {
                        @Override
                        public Map<String, ?> guardVariables(ChoiceContext c) {
                            return Map.of("balance", balance, "price", 50);
                        }
                    },
                    "Server", () -> recorder(serverLog)), RoleHandlers.defaults());
            completed(run(kit, spec));
            assertEquals(List.of(balance > 50 ? "Client?Purchase" : "Client?Cancel"), serverLog);
        }
    }

    @Test
    void countLoopRunsExactlyFiveTimes() {
        List<String> log = new ArrayList<>();
        SessionSpec spec = SessionSpec.of(example("loop_count.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withRoleHandlers(Map.of("B", () -> recorder(log)), RoleHandlers.defaults());
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(5, log.size());
        assertEquals(10, done.trace().size());
    }

    @Test
    void decidesLoopRunsAsLongAsTheDeciderWantsAndEndsWithAnImplicitDone() {
        List<String> log = new ArrayList<>();
        SessionSpec spec = SessionSpec.of(example("decision_loop.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withRoleHandlers(Map.of(
                        "Client", () -> new RoleHandler() {
                            @Override
                            public boolean continueLoop(LoopContext loop) {
                                return loop.iteration() < 3;
                            }
                        },
                        "Server", () -> recorder(log)), RoleHandlers.defaults());
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        assertEquals(List.of("Client?Request", "Client?Request", "Client?Request", "Client?Done"), log);
        TraceEvent last = done.trace().get(done.trace().size() - 1);
        assertEquals("Done", last.label());
        assertTrue(last.implicit(), "Done is an implicit control message: " + last);
    }

    @Test
    void defaultHandlersRunADecidesLoopOnce() {
        SessionOutcome.SessionCompleted done = completed(run(kit,
                SessionSpec.of(example("decision_loop.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)));
        assertEquals(List.of("Request", "Response", "Done"), done.trace().stream().map(TraceEvent::label).toList());
    }

    @Test
    void handlerChoosingAnUnknownBranchFailsTheSessionWithATypedError() {
        SessionSpec spec = SessionSpec.of(example("negotiation.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT)
                .withRoleHandlers(Map.of("Seller", () -> new RoleHandler() {
                    @Override
                    public String choose(ChoiceContext c) {
                        return "maybe";
                    }
                }), RoleHandlers.defaults());
        SessionError.HandlerFailed cause = assertInstanceOf(SessionError.HandlerFailed.class,
                failed(run(kit, spec)).cause());
        assertTrue(cause.detail().contains("'maybe'") && cause.detail().contains("[accept, reject]"), cause.detail());
    }

    @Test
    void guardVariablesMissingIsATypedError() {
        SessionSpec spec = SessionSpec.of(example("conditional.choreo")).withTrace(true).withTimeout(RuntimeTestSupport.SHORT);
        SessionError.GuardFailed cause = assertInstanceOf(SessionError.GuardFailed.class,
                failed(run(kit, spec)).cause());
        assertTrue(cause.detail().contains("'balance' was not supplied"), cause.detail());
    }

    @Test
    void unboundArrayFailsWithInvalidBindings() {
        SessionOutcome.SessionFailed f = failed(run(kit, SessionSpec.of(example("threshold.choreo")).withTrace(true)
                .bindRoleCount("Signers", 2).bindSymbol("threshold", 4)));
        SessionError.InvalidBindings cause = assertInstanceOf(SessionError.InvalidBindings.class, f.cause());
        assertTrue(cause.describe().contains("does not fit 2 instances"), cause.describe());
    }

    @Test
    void aSessionThatNeverEndsTimesOutWithATypedError() {
        Supplier<RoleHandler> forever = () -> new RoleHandler() {
            @Override
            public boolean continueLoop(LoopContext loop) {
                return true;
            }
        };
        SessionSpec spec = SessionSpec.of(example("decision_loop.choreo")).withTrace(true).withTimeout(Duration.ofMillis(300))
                .withRoleHandlers(Map.of("Client", forever), RoleHandlers.defaults());
        SessionError.SessionTimedOut cause = assertInstanceOf(SessionError.SessionTimedOut.class,
                failed(run(kit, spec)).cause());
        assertEquals(300, cause.timeoutMillis());
        assertTrue(cause.unfinished().stream().anyMatch(u -> u.startsWith("Client ")), cause.describe());
    }
}
