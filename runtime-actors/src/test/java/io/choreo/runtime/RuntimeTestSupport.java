package io.choreo.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.choreo.dsl.TestCorpus;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/** Compiling examples and running sessions on a real ActorTestKit system; shared with other modules' tests. */
public final class RuntimeTestSupport {
    private RuntimeTestSupport() {
    }

    public static CompiledProtocol example(String file) {
        try {
            Compiler.Compilation c = Compiler.compile(TestCorpus.examples().resolve(file));
            assertFalse(c.hasErrors(), c::render);
            return c.protocol(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static CompiledProtocol compile(String text) {
        Compiler.Compilation c = Compiler.compile("test.choreo", text);
        assertFalse(c.hasErrors(), c::render);
        return c.protocol(null);
    }

    public static SessionOutcome run(ActorTestKit kit, SessionSpec spec) {
        TestProbe<SessionOutcome> probe = kit.createTestProbe();
        kit.spawn(SessionActor.create(spec, probe.ref()));
        return probe.receiveMessage(spec.timeout().plusSeconds(5));
    }

    public static SessionOutcome.SessionCompleted completed(SessionOutcome outcome) {
        if (outcome instanceof SessionOutcome.SessionFailed f) {
            throw new AssertionError("session failed: " + f.cause().describe() + "\ntrace: " + f.trace());
        }
        return assertInstanceOf(SessionOutcome.SessionCompleted.class, outcome);
    }

    public static SessionOutcome.SessionFailed failed(SessionOutcome outcome) {
        return assertInstanceOf(SessionOutcome.SessionFailed.class, outcome, () -> "expected a failure: " + outcome);
    }

    public static final Duration SHORT = Duration.ofSeconds(10);
}
