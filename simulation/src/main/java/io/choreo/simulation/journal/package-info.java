/** The simulator's in-memory journal: appends in constant time, fails writes the fault plan asks for. */
package io.choreo.simulation.journal;
