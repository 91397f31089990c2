package io.choreo.dsl.diagnostic;

import io.choreo.dsl.source.SourceFile;
import io.choreo.dsl.source.Span;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders diagnostics the way compilers do:
 *
 * <pre>
 * negotiation.choreo:3:14: error[E102]: undefined role 'Selle'
 *     3 |     Buyer -> Selle: Offer;
 *       |              ^^^^^
 *   hint: declared roles are Buyer, Seller
 * </pre>
 */
public final class DiagnosticRenderer {
    private DiagnosticRenderer() {
    }

    /** How many diagnostics {@link #render(SourceFile, List)} shows before summing up the rest. */
    public static final int MAX_SHOWN = 50;

    /**
     * Renders diagnostics in source order, separated by blank lines: the first {@value #MAX_SHOWN}, then one line
     * saying how many more there are.
     */
    public static String render(SourceFile file, List<Diagnostic> diagnostics) {
        String shown = diagnostics.stream()
                .sorted(java.util.Comparator.comparingInt((Diagnostic d) -> d.span().line())
                        .thenComparingInt(d -> d.span().column()))
                .limit(MAX_SHOWN)
                .map(d -> render(file, d)).collect(Collectors.joining("\n"));
        int more = diagnostics.size() - MAX_SHOWN;
        return more <= 0 ? shown : shown + "\n" + file.name() + ": and " + more + " more "
                + (more == 1 ? "diagnostic" : "diagnostics") + " (" + diagnostics.size() + " in all)\n";
    }

    public static String render(SourceFile file, Diagnostic d) {
        StringBuilder out = new StringBuilder();
        Span span = d.span();
        out.append(file.name());
        if (!span.isNone()) {
            out.append(':').append(span.position());
        }
        out.append(": ").append(d.severity().label()).append('[').append(d.code()).append("]: ")
                .append(d.message()).append('\n');
        if (!span.isNone()) {
            snippet(file, span, out);
        }
        if (!d.related().isNone()) {
            out.append("  note: see also ").append(file.name()).append(':').append(d.related().position())
                    .append('\n');
            snippet(file, d.related(), out);
        }
        if (d.hint() != null && !d.hint().isBlank()) {
            out.append("  hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
    }

    private static void snippet(SourceFile file, Span span, StringBuilder out) {
        String line = file.line(span.line()).replace('\t', ' ');
        String number = String.valueOf(span.line());
        String gutter = " ".repeat(Math.max(0, 5 - number.length()));
        out.append(gutter).append(number).append(" | ").append(printable(line)).append('\n');
        int col = Math.min(span.column() - 1, line.length());
        int width = Math.max(1, Math.min(span.length(), Math.max(1, line.length() - col)));
        out.append(" ".repeat(5)).append(" | ").append(" ".repeat(Math.max(0, col))).append("^".repeat(width))
                .append('\n');
    }

    private static String printable(String line) {
        StringBuilder b = new StringBuilder(line.length());
        line.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
