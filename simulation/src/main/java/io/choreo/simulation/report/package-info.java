/** Reports of simulated runs (text, JSON, Mermaid) and sweeps over many seeds. */
package io.choreo.simulation.report;
