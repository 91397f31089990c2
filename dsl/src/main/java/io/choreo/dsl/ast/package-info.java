/**
 * The immutable abstract syntax tree of global protocols: records and sealed interfaces carrying source spans.
 * Spans never take part in equality, so trees compare by structure.
 */
package io.choreo.dsl.ast;
