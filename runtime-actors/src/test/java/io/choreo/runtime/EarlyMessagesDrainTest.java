package io.choreo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A participant that finds thousands of messages waiting for it once it may take them (they arrived while it waited
 * for another sender) consumes them in a loop: each used to cost a few stack frames, and 9,000 of them overflowed
 * the dispatcher thread's stack (the fuzzer found it), taking the JVM down with it.
 */
class EarlyMessagesDrainTest {
    static final ActorTestKit kit = ActorTestKit.create();

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void thousandsOfEarlyMessagesAreConsumedWithoutRecursion() {
        int n = 9_000;   // below RoleActor.MAX_EARLY, the most one sender may have waiting
        CompiledProtocol protocol = RuntimeTestSupport.compile("choreography Early { roles: A, B, C;\n"
                + "  A -> C: Kick;\n  C -> B: Go;\n  loop (count: " + n + ") { A -> B: M; }\n  B -> A: Done;\n}\n");
        // C holds Go back until A has sent every M: they all wait at B, early, when Go arrives
        Supplier<RoleHandler> slowC = () -> new RoleHandler() {
            @Override
            public void received(ReceiveContext received) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        SessionOutcome outcome = RuntimeTestSupport.run(kit, SessionSpec.of(protocol)
                .withRoleHandlers(Map.of("C", slowC), RoleHandlers.defaults())
                .withTimeout(Duration.ofMinutes(2)));
        assertEquals(n + 3, RuntimeTestSupport.completed(outcome).messages());
    }
}
