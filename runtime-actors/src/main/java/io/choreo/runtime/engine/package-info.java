/**
 * The compiled role engine: each concrete local type compiled once into a {@link io.choreo.runtime.engine.RoleMachine}
 * (integer states, receive tables, precomputed sends, choice and loop points, loop counters) and one pure
 * {@link io.choreo.runtime.engine.Engine#step step} that every role shell — in-memory, durable, simulated — runs.
 */
package io.choreo.runtime.engine;
