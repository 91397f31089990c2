package io.choreo.dsl;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.source.SourceFile;
import java.util.Optional;

/**
 * Rejects input that is not UTF-8 text before it reaches the lexer: a NUL character or malformed UTF-8 (read as
 * U+FFFD) gives one diagnostic, instead of a flood of errors for every byte of a binary file.
 */
final class TextCheck {
    private TextCheck() {
    }

    static Optional<Diagnostic> binary(SourceFile source) {
        String text = source.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || c == '\uFFFD') {
                return Optional.of(Diagnostic.error("E008", source.name() + " is not a UTF-8 text file ("
                                + (c == '\0' ? "a NUL byte" : "malformed UTF-8") + " here)", source.span(i, 1),
                        "choreo reads .choreo source text; check that you passed the right file"));
            }
        }
        return Optional.empty();
    }
}
