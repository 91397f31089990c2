/** Per-run checks of a simulation: conformance of each participant's run to its local type, journal integrity. */
package io.choreo.simulation.check;
