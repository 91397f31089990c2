package io.choreo.runtime.handler;

import java.time.Duration;

/**
 * This participant's deadline passed at a timed choice ({@code choice R within 5s { … timeout: { … } }}) before an
 * awaited message arrived: it takes the {@code timeout} branch.
 *
 * @param line the source line of the timed choice
 * @param deadline the deadline as written ({@code 5s}, or the variable's name)
 * @param duration the duration it stood for
 */
public record TimeoutContext(String sessionId, String participant, int line, String deadline, Duration duration) {
}
