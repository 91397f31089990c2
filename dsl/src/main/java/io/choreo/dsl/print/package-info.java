/** The {@link io.choreo.dsl.print.PrettyPrinter}: AST back to canonical DSL text. */
package io.choreo.dsl.print;
