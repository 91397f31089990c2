package io.choreo.runtime.handler;

/** A {@code loop (decides: …)} decision: {@code iteration} counts the iterations already run (0 before the first). */
public record LoopContext(String sessionId, String participant, int iteration, int line) {
}
