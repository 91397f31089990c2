/** The recursive-descent {@link io.choreo.dsl.parser.Parser} with error recovery. */
package io.choreo.dsl.parser;
