package io.choreo.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A session timeout outside what Pekko's timers take is refused when the spec is built, not when the session runs. */
class SessionSpecBoundsTest {
    @ParameterizedTest(name = "{0} s")
    @ValueSource(longs = {0, -1, 181L * 24 * 3600, 2147483647L, Long.MAX_VALUE / 1000})
    void aTimeoutOutsideItsRangeIsRefusedAtOnce(long seconds) {
        SessionSpec spec = SessionSpec.of(RuntimeTestSupport.example("negotiation.choreo"));
        assertThrows(IllegalArgumentException.class, () -> spec.withTimeout(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest(name = "{0} s")
    @ValueSource(longs = {1, 3600, 180L * 24 * 3600})
    void aTimeoutInItsRangeIsTaken(long seconds) {
        SessionSpec spec = SessionSpec.of(RuntimeTestSupport.example("negotiation.choreo"));
        assertDoesNotThrow(() -> spec.withTimeout(Duration.ofSeconds(seconds)));
    }
}
