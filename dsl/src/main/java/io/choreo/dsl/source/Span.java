package io.choreo.dsl.source;

/**
 * A region of source text: zero-based character offset and length, with the one-based line and column of its start.
 *
 * <p>A span is positional metadata, not structure: two spans always compare equal, so AST records that carry spans
 * compare by structure alone (a pretty-printed and re-parsed AST equals the original). Compare positions explicitly
 * through {@link #offset()}, {@link #line()} and {@link #column()}.
 */
public record Span(int offset, int length, int line, int column) {

    /** The span of synthesised nodes that have no source text. */
    public static final Span NONE = new Span(0, 0, 0, 0);

    /** The smallest span covering {@code this} and {@code other}. */
    public Span to(Span other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        int end = Math.max(offset + length, other.offset + other.length);
        Span first = offset <= other.offset ? this : other;
        return new Span(first.offset, end - first.offset, first.line, first.column);
    }

    /** True for spans of synthesised nodes. */
    public boolean isNone() {
        return line == 0;
    }

    /** {@code line:column}. */
    public String position() {
        return line + ":" + column;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Span;
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
