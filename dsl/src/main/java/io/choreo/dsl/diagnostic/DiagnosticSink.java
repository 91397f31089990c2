package io.choreo.dsl.diagnostic;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one pass; passes report into it and keep going so that many errors show at once. */
public final class DiagnosticSink {
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public void report(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    public void reportAll(List<Diagnostic> more) {
        diagnostics.addAll(more);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public int size() {
        return diagnostics.size();
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
