/**
 * Resilience on Pekko's own parts: retry with exponential backoff and jitter ({@code Patterns.retry}), circuit
 * breaker ({@code CircuitBreaker}), layered capability checks and layered budgets with rollback.
 */
package io.choreo.runtime.resilience;
