/**
 * JUnit 5 support for applications using Choreo: run a session with some roles played by {@link
 * io.choreo.testkit.RoleProbe probes} that the test drives ({@code expectSend(label).reply(payload)},
 * {@code choose(label)}, {@code expectReceive(label)}), assert on outcomes and traces ({@link
 * io.choreo.testkit.OutcomeAssert}), and run the deterministic simulator with a seed and a fault plan ({@link
 * io.choreo.testkit.SimulationRun}).
 */
package io.choreo.testkit;
