package io.choreo.dsl;

import io.choreo.dsl.ast.ChoreographyFile;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticRenderer;
import io.choreo.dsl.source.SourceFile;
import java.util.List;

/** What the front end made of a file: the tree (as much as could be parsed) and every diagnostic. */
public record ParseResult(SourceFile source, ChoreographyFile file, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /** All diagnostics rendered with file:line:col headers and caret snippets. */
    public String render() {
        return DiagnosticRenderer.render(source, diagnostics);
    }
}
