package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;
import java.util.List;

/** A sub-protocol {@code protocol P { … }} declared inside a choreography, run with {@code call P;}. */
public record SubProtocol(String name, List<Statement> body, Span span) {
    public SubProtocol {
        body = List.copyOf(body);
    }
}
