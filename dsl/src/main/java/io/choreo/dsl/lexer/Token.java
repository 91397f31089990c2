package io.choreo.dsl.lexer;

import io.choreo.dsl.source.Span;

/** One lexeme: its kind, its exact text (string literals unescaped) and where it is. */
public record Token(TokenKind kind, String text, Span span) {

    public boolean is(TokenKind k) {
        return kind == k;
    }

    /** True for an identifier spelled {@code word} (keywords are contextual identifiers). */
    public boolean isWord(String word) {
        return kind == TokenKind.IDENT && text.equals(word);
    }

    /** How the token is shown in "expected X, found Y" messages. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case IDENT -> "'" + text + "'";
            case STRING -> "string \"" + text + "\"";
            case INT, DECIMAL -> "number " + text;
            default -> kind.display();
        };
    }
}
