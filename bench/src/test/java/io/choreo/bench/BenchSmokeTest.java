package io.choreo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.choreo.runtime.session.SessionOutcome;
import org.junit.jupiter.api.Test;

/** Each benchmark body runs once and does what it claims (no timing here: figures come from JMH). */
class BenchSmokeTest {

    @Test
    void messagingBodies() throws Exception {
        MessagingBench b = new MessagingBench();
        b.setup();
        try {
            b.rawPingPong();
            b.rawSpawn();
            assertEquals(2 * Fixtures.ROUNDS, ((SessionOutcome.SessionCompleted) b.sessionPingPong()).trace().size());
            assertEquals(2 * Fixtures.ROUNDS,
                    ((SessionOutcome.SessionCompleted) b.sessionAnnotatedPingPong()).trace().size());
            assertEquals(1, ((SessionOutcome.SessionCompleted) b.sessionStart()).trace().size());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void remoteBodies() throws Exception {
        RemoteBench b = new RemoteBench();
        b.setup();
        try {
            b.rawRemotePingPong();
            assertEquals(2 * Fixtures.ROUNDS,
                    ((SessionOutcome.SessionCompleted) b.sessionRemotePingPong()).trace().size());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void compileBodies() {
        CompileBench b = new CompileBench();
        b.interactions = 1000;
        b.roles = 8;
        b.setup();
        assertFalse(((io.choreo.projection.Compiler.Compilation) b.parseAndProject()).hasErrors());
    }
}
