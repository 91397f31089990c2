/** The simulated network: seeded fault injection between participants hosted so they can crash and recover. */
package io.choreo.simulation.net;
