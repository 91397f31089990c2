/** Evaluation of choice guards against handler-supplied variables. */
package io.choreo.dsl.eval;
