/**
 * Projection of global choreographies to local types. {@link io.choreo.projection.Compiler} runs the pipeline:
 * desugar ({@code global}), validate ({@code validate}), project ({@code project}) into local types ({@code local});
 * {@code check} explores the product of local types for deadlocks; {@code render} draws Mermaid and DOT.
 */
package io.choreo.projection;
