/**
 * Deterministic simulation: {@link io.choreo.simulation.Simulator} runs sessions of durable participants over a
 * fault-injecting network ({@code net}) on one counted thread and virtual time ({@code exec}), checks every run
 * ({@code check}) and reports it ({@code report}).
 */
package io.choreo.simulation;
