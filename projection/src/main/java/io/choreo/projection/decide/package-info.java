/**
 * The decision procedure for implementability at the checking sizes (Li, Stutz, Wies, Zufferey, CAV 2023): the
 * global protocol as a finite automaton, each participant's automaton by subset construction over its own events,
 * then send validity, receive validity (with causality and per-channel FIFO order) and termination. Every pass is
 * iterative and bounded by an explicit {@link io.choreo.projection.decide.Budget}. Where the merge projection is
 * incomplete, {@link io.choreo.projection.decide.Synthesis} accepts an implementable protocol with local types
 * synthesized from the automata, which the runtime runs.
 */
package io.choreo.projection.decide;
