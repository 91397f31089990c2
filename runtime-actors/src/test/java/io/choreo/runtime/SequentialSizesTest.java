package io.choreo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * In-memory sessions of n sequential interactions (10, 1,000, 100,000) on a real ActorTestKit system: compiling
 * the participants' machines, caching them by local type and running them never recurses along the protocol.
 * (The CLI's {@code SizeSweepTest} does the same for the other entry points in a JVM with a small stack.)
 */
class SequentialSizesTest {
    static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @ParameterizedTest(name = "{0} messages")
    @ValueSource(ints = {10, 1_000, 100_000})
    void sequentialSessionsOfEverySizeRunInMemory(int n) {
        StringBuilder b = new StringBuilder("choreography Seq { roles: A, B;\n");
        for (int i = 0; i < n; i++) {
            b.append(i % 2 == 0 ? "A -> B: M;\n" : "B -> A: R;\n");
        }
        CompiledProtocol protocol = RuntimeTestSupport.compile(b.append("}\n").toString());
        SessionOutcome outcome = RuntimeTestSupport.run(kit, SessionSpec.of(protocol)
                .withTimeout(Duration.ofMinutes(5)));
        assertEquals(n, RuntimeTestSupport.completed(outcome).messages());
    }
}
