package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;

/** A header attribute {@code #[key = "value"]}. */
public record Attribute(String key, String value, Span span) {
}
