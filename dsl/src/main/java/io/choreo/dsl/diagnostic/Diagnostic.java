package io.choreo.dsl.diagnostic;

import io.choreo.dsl.source.Span;

/**
 * One finding about a choreography: a stable code (e.g. {@code E101}), a message, where it is, and a hint on how to
 * fix it. {@code related} optionally points at a second location (e.g. the other branch of a knowledge-of-choice
 * conflict).
 */
public record Diagnostic(Severity severity, String code, String message, Span span, String hint, Span related) {

    public static Diagnostic error(String code, String message, Span span, String hint) {
        return new Diagnostic(Severity.ERROR, code, message, span, hint, Span.NONE);
    }

    public static Diagnostic warning(String code, String message, Span span, String hint) {
        return new Diagnostic(Severity.WARNING, code, message, span, hint, Span.NONE);
    }

    /** The same diagnostic with a second location attached. */
    public Diagnostic withRelated(Span other) {
        return new Diagnostic(severity, code, message, span, hint, other);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
