/**
 * Composition of sessions: {@link io.choreo.runtime.compose.Workflow} runs phases in sequence (results feed the
 * next, a failure aborts); {@link io.choreo.runtime.compose.ParallelSessions} runs sessions at once with a deadline
 * and aggregates their outcomes.
 */
package io.choreo.runtime.compose;
