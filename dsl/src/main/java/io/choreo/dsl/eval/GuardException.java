package io.choreo.dsl.eval;

import io.choreo.dsl.source.Span;

/**
 * A guard could not be evaluated: unknown variable, wrong operand type, unknown member or method, or division by
 * zero, at {@link #span()}; {@link #kind()} tells which.
 */
public final class GuardException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** The guard reads a variable the handler did not supply. */
        MISSING_VARIABLE,
        /** An operand has the wrong type (a number compared with text, a non-boolean guard). */
        TYPE_MISMATCH,
        /** Anything else: unknown member or method, division by zero. */
        INVALID
    }

    private final transient Span span;
    private final Kind kind;

    public GuardException(String message, Span span) {
        this(message, span, Kind.INVALID);
    }

    public GuardException(String message, Span span, Kind kind) {
        super(message + (span.isNone() ? "" : " (at " + span.position() + ")"));
        this.span = span;
        this.kind = kind;
    }

    public Span span() {
        return span;
    }

    public Kind kind() {
        return kind;
    }
}
