/** Deterministic execution: a counted single-thread executor and quiescence detection. */
package io.choreo.simulation.exec;
