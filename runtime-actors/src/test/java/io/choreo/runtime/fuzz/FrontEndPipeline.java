package io.choreo.runtime.fuzz;

import io.choreo.projection.Checker;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.BindingException;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.bind.ResolvedBindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalFsm;
import io.choreo.projection.local.Participants;
import io.choreo.projection.render.DotRenderer;
import io.choreo.projection.render.MermaidRenderer;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * Every public entry point a protocol text goes through: compile and render its diagnostics, draw it (Mermaid),
 * print and project each role, instantiate at the checking sizes and draw each participant (DOT), check, and run
 * what the check accepts for a short while in memory. Returns a one-word verdict; anything thrown is a defect.
 */
final class FrontEndPipeline {
    /** Budgets small enough that every mutant ends well within its deadline. */
    static final DeadlockChecker.Options OPTIONS = new DeadlockChecker.Options(2, 20_000, Duration.ofMillis(300), 2);
    private static final Duration RUN_TIMEOUT = Duration.ofMillis(300);
    /** How long a session's outcome may take to arrive, below the fuzzer's real-time hang bound of 10 s. */
    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(8);

    private final ActorTestKit kit;

    FrontEndPipeline(ActorTestKit kit) {
        this.kit = kit;
    }

    String apply(String text) {
        Compiler.Compilation c = Compiler.compile("mutant.choreo", text);
        c.render();
        if (c.hasErrors()) {
            return "diagnostics";
        }
        String verdict = "inconclusive";
        for (CompiledProtocol p : c.protocols()) {
            MermaidRenderer.render(p.global());
            for (String role : p.locals().keySet()) {
                p.print(role);
            }
            Checker.Result result = Checker.check(p, Bindings.none(), OPTIONS);
            ResolvedBindings checking;
            try {
                checking = ResolvedBindings.forChecking(p.global(), Bindings.none(),
                        DeadlockChecker.DEFAULT_ARRAY_SIZE, DeadlockChecker.DEFAULT_SYMBOL);
            } catch (BindingException e) {
                // a typed refusal of these sizes; the check must have said so rather than thrown
                if (result.report().ok()) {
                    throw new AssertionError("the check passed sizes that cannot be bound: " + e.getMessage());
                }
                verdict = "unbindable";
                continue;
            }
            for (var participant : Participants.of(p, checking).values()) {
                DotRenderer.render(p.name(), participant.name(), LocalFsm.of(participant.type(), 10_000));
            }
            if (result.hasErrors()) {
                verdict = "rejected";
            } else if (result.report().ok()) {
                verdict = run(p, checking.bindings());
            }
        }
        return verdict;
    }

    private String run(CompiledProtocol p, Bindings bindings) {
        TestProbe<SessionOutcome> probe = kit.createTestProbe();
        SessionSpec spec = SessionSpec.of(p).withBindings(bindings).withTimeout(RUN_TIMEOUT)
                .withHandlers(new ExampleHandlers(Map.of(), 1));
        kit.spawn(SessionActor.create(spec, probe.ref()));
        // the session ends itself after RUN_TIMEOUT; its outcome may take longer to arrive on a loaded machine (a
        // large mutant's machines are compiled first), so the wait is the fuzzer's hang bound, not the timeout
        SessionOutcome outcome = probe.receiveMessage(OUTCOME_WAIT);
        return outcome instanceof SessionOutcome.SessionCompleted ? "completed" : "failed";
    }
}
