/** Source text and positions: {@link io.choreo.dsl.source.SourceFile} and {@link io.choreo.dsl.source.Span}. */
package io.choreo.dsl.source;
