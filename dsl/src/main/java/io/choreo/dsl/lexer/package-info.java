/** Lexical analysis of the DSL: {@link io.choreo.dsl.lexer.Lexer} produces {@link io.choreo.dsl.lexer.Token}s. */
package io.choreo.dsl.lexer;
