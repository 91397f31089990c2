/**
 * The DSL front end. {@link io.choreo.dsl.Dsl#parse} lexes, parses and resolves a file into an immutable AST with
 * diagnostics; {@link io.choreo.dsl.print.PrettyPrinter} prints it back.
 */
package io.choreo.dsl;
