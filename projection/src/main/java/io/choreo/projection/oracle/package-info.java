/**
 * Translation validation of projection: the {@link io.choreo.projection.oracle.Oracle} compares the participants'
 * machines run together with the global protocol's own automaton, sharing no code with projection.
 */
package io.choreo.projection.oracle;
