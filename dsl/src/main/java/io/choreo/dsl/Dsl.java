package io.choreo.dsl;

import io.choreo.dsl.ast.ChoreographyFile;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.parser.Parser;
import io.choreo.dsl.resolve.NameResolver;
import io.choreo.dsl.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;

/** Entry point of the front end: parse and resolve names, collecting every diagnostic. Never throws on bad text. */
public final class Dsl {
    private Dsl() {
    }

    public static ParseResult parse(SourceFile source) {
        DiagnosticSink sink = new DiagnosticSink();
        java.util.Optional<io.choreo.dsl.diagnostic.Diagnostic> binary = TextCheck.binary(source);
        if (binary.isPresent()) {
            return new ParseResult(source, new ChoreographyFile(java.util.List.of(), false), java.util.List.of(
                    binary.get()));
        }
        ChoreographyFile file = Parser.parse(source, sink);
        NameResolver.check(file, sink);
        return new ParseResult(source, file, sink.diagnostics());
    }

    public static ParseResult parse(String name, String text) {
        return parse(new SourceFile(name, text));
    }

    public static ParseResult parse(Path path) throws IOException {
        return parse(SourceFile.read(path));
    }
}
