/** Visualisation: Mermaid sequence diagrams of global protocols, DOT of local state machines. */
package io.choreo.projection.render;
