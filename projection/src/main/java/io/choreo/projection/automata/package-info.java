/**
 * Finite automata shared by the checker and the oracle: an {@link io.choreo.projection.automata.EpsilonNfa} built
 * Thompson-style (with ε-moves, products for interleaving), then reduced to an {@link io.choreo.projection.automata.Nfa}.
 */
package io.choreo.projection.automata;
