package io.choreo.testkit;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.local.Participants.Participant;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A session under test, being set up: a handler or a probe for every role (a role given neither fails the session
 * with {@code InvalidBindings}, as in production), and anything else of the {@link SessionSpec}.
 */
public final class TestSession {
    private final ChoreoTestKit kit;
    private SessionSpec spec;
    private final Map<String, Supplier<? extends RoleHandler>> handlers = new LinkedHashMap<>();
    private final Set<String> probed = new LinkedHashSet<>();
    private Duration expectTimeout = ChoreoTestKit.DEFAULT_EXPECT_TIMEOUT;
    private Duration answerTimeout = ChoreoTestKit.DEFAULT_ANSWER_TIMEOUT;

    TestSession(ChoreoTestKit kit, CompiledProtocol protocol) {
        this.kit = kit;
        this.spec = SessionSpec.of(protocol).withTimeout(Duration.ofSeconds(10)).withTrace(true);
    }

    /** Role {@code role} is played by the application's handler. */
    public TestSession handler(String role, Supplier<? extends RoleHandler> handler) {
        handlers.put(role, handler);
        return this;
    }

    /** Each participant of {@code role} is played by a {@link RoleProbe} the test drives. */
    public TestSession probe(String role) {
        probed.add(role);
        return this;
    }

    /** Changes the spec: bindings, extensions, session id, timeout (10 s by default here), durable roles. */
    public TestSession spec(UnaryOperator<SessionSpec> change) {
        spec = change.apply(spec);
        return this;
    }

    /**
     * How long a probe's {@code expect…} waits for its participant (3 s by default) and how long a probe-played
     * participant waits for the test's answer (5 s by default).
     */
    public TestSession probeTimeouts(Duration expect, Duration answer) {
        expectTimeout = expect;
        answerTimeout = answer;
        return this;
    }

    /** Starts the session; drive its probes through the returned {@link RunningSession}. */
    public RunningSession start() {
        Map<String, RoleProbe> probes = new LinkedHashMap<>();
        try {
            for (Participant p : spec.source().participants(spec.bindings()).values()) {
                if (probed.contains(p.role())) {
                    probes.put(p.name(), kit.newProbe(p.name(), expectTimeout, answerTimeout));
                }
            }
        } catch (BindingException e) {
            // the session itself reports the typed InvalidBindings
        }
        ProbedHandlers roleHandlers = new ProbedHandlers(handlers, probed, probes);
        SessionSpec running = spec.withHandlers(roleHandlers);
        CompletionStage<SessionOutcome> outcome = Sessions.run(kit.manager(), running, kit.system());
        return new RunningSession(running, probes, outcome);
    }
}
