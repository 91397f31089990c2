package io.choreo.cli.lsp;

import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.ast.SubProtocol;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.source.Span;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.DeadlockReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** What the language server knows about a document's text: its diagnostics and where names are defined. */
public final class ChoreoAnalysis {
    private ChoreoAnalysis() {
    }

    /** A zero-based LSP position (line, UTF-16 character). */
    public record Position(int line, int character) {
    }

    /** A range of a document. */
    public record Range(Position start, Position end) {
    }

    /** A diagnostic in LSP terms: severity 1 is an error, 2 a warning. */
    public record Problem(Range range, int severity, String code, String message) {
    }

    /** Errors and warnings of the text; with {@code deadlockCheck}, a deadlock is reported on its choreography. */
    public static List<Problem> problems(String name, String text, boolean deadlockCheck) {
        Compiler.Compilation c = Compiler.compile(name, text);
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic d : c.diagnostics()) {
            String message = d.message() + (d.hint() == null || d.hint().isBlank() ? "" : "\nhint: " + d.hint());
            problems.add(new Problem(range(text, d.span()), d.isError() ? 1 : 2, d.code(), message));
        }
        if (deadlockCheck && !c.hasErrors()) {
            for (CompiledProtocol p : c.protocols()) {
                DeadlockReport report = DeadlockChecker.check(p, Bindings.none(), DeadlockChecker.Options.DEFAULT);
                if (report.verdict() == DeadlockReport.Verdict.DEADLOCK
                        || report.verdict() == DeadlockReport.Verdict.ORPHAN_MESSAGES) {
                    Span at = c.parse().file().choreographies().stream().filter(ch -> ch.name().equals(p.name()))
                            .findFirst().map(Choreography::span).orElse(Span.NONE);
                    problems.add(new Problem(range(text, at), 1, "deadlock", p.name() + ": " + report.describe()));
                }
            }
        }
        return problems;
    }

    /**
     * Where the name under {@code at} is defined: a role's declaration, a sub-protocol's declaration, a recursion
     * label's {@code rec}, or the first interaction sending a message label. Empty when the position is not on a
     * known name.
     */
    public static Optional<Range> definition(String name, String text, Position at) {
        int offset = offset(text, at);
        if (offset < 0) {
            return Optional.empty();
        }
        int start = offset;
        while (start > 0 && isNamePart(text.charAt(start - 1))) {
            start--;
        }
        int end = offset;
        while (end < text.length() && isNamePart(text.charAt(end))) {
            end++;
        }
        if (start == end) {
            return Optional.empty();
        }
        String word = text.substring(start, end);
        for (Choreography c : Compiler.compile(name, text).parse().file().choreographies()) {
            Optional<Span> found = c.roles().stream().filter(r -> r.name().equals(word)).map(RoleDecl::span)
                    .findFirst()
                    .or(() -> c.subProtocols().stream().filter(s -> s.name().equals(word)).map(SubProtocol::span)
                            .findFirst())
                    .or(() -> statement(c, word));
            if (found.isPresent()) {
                return Optional.of(range(text, found.get()));
            }
        }
        return Optional.empty();
    }

    /** The first {@code rec word} or interaction sending {@code word}, in source order. */
    private static Optional<Span> statement(Choreography c, String word) {
        Deque<Statement> todo = new ArrayDeque<>(c.body());
        c.subProtocols().forEach(s -> todo.addAll(s.body()));
        Span best = null;
        while (!todo.isEmpty()) {
            Statement s = todo.poll();
            Span candidate = null;
            if (s instanceof Statement.Interaction i && i.message().label().equals(word)) {
                candidate = i.span();
            } else if (s instanceof Statement.Rec r) {
                candidate = r.label().equals(word) ? r.span() : null;
                todo.addAll(r.body());
            } else if (s instanceof Statement.Choice ch) {
                ch.branches().forEach(b -> todo.addAll(b.body()));
            } else if (s instanceof Statement.Loop l) {
                todo.addAll(l.body());
            } else if (s instanceof Statement.Parallel p) {
                p.branches().forEach(todo::addAll);
            }
            if (candidate != null && (best == null || candidate.offset() < best.offset())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The LSP range of a span (the start of the document for synthesised spans). */
    static Range range(String text, Span span) {
        if (span.isNone()) {
            return new Range(new Position(0, 0), new Position(0, 0));
        }
        int from = Math.min(span.offset(), text.length());
        int to = Math.min(span.offset() + Math.max(span.length(), 1), text.length());
        return new Range(position(text, from), position(text, to));
    }

    private static Position position(String text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    private static int offset(String text, Position at) {
        int line = 0;
        int i = 0;
        while (line < at.line() && i < text.length()) {
            if (text.charAt(i++) == '\n') {
                line++;
            }
        }
        int offset = i + at.character();
        return line == at.line() && offset <= text.length() ? offset : -1;
    }
}
