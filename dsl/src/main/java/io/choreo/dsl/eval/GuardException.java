package io.choreo.dsl.eval;

import io.choreo.dsl.source.Span;

/** A guard could not be evaluated: unknown variable, wrong operand type or division by zero, at {@link #span()}. */
public final class GuardException extends RuntimeException {
    private final transient Span span;

    public GuardException(String message, Span span) {
        super(message + (span.isNone() ? "" : " (at " + span.position() + ")"));
        this.span = span;
    }

    public Span span() {
        return span;
    }
}
