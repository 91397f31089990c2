package io.choreo.dsl.lexer;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns DSL text into tokens. Never throws: unknown characters become {@link TokenKind#ERROR} tokens and
 * unterminated strings or comments are reported, so the parser always receives a token list ending in EOF.
 */
public final class Lexer {
    /** Longest name (role, label, protocol, variable): names become parts of journal keys of bounded width. */
    public static final int MAX_NAME = 100;

    private final SourceFile file;
    private final String text;
    private final DiagnosticSink sink;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(SourceFile file, DiagnosticSink sink) {
        this.file = file;
        this.text = file.text();
        this.sink = sink;
    }

    /** Lexes the whole file, reporting lexical errors into {@code sink}. */
    public static List<Token> tokenize(SourceFile file, DiagnosticSink sink) {
        Lexer lexer = new Lexer(file, sink);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (true) {
            skipTrivia();
            if (pos >= text.length()) {
                tokens.add(new Token(TokenKind.EOF, "", file.span(text.length(), 0)));
                return;
            }
            int start = pos;
            char c = text.charAt(pos);
            if (isIdentStart(c)) {
                while (pos < text.length() && isIdentPart(text.charAt(pos))) {
                    pos++;
                }
                if (pos - start > MAX_NAME) {
                    sink.report(Diagnostic.error("E025", "a name of " + (pos - start) + " characters (at most "
                            + MAX_NAME + ")", file.span(start, pos - start), "use a shorter name: names become "
                            + "journal keys and actor names, which have a fixed width"));
                }
                add(TokenKind.IDENT, start);
            } else if (Character.isDigit(c)) {
                number(start);
            } else if (c == '"') {
                string(start);
            } else {
                punctuation(start, c);
            }
        }
    }

    private void skipTrivia() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                pos++;
            } else if (c == '/' && peek(1) == '/') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int start = pos;
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    sink.report(Diagnostic.error("E001", "unterminated block comment", file.span(start, 2),
                            "close the comment with */"));
                    pos = text.length();
                } else {
                    pos = end + 2;
                }
            } else {
                return;
            }
        }
    }

    private void number(int start) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            add(TokenKind.DECIMAL, start);
        } else {
            add(TokenKind.INT, start);
        }
    }

    private void string(int start) {
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                tokens.add(new Token(TokenKind.STRING, value.toString(), file.span(start, pos - start)));
                return;
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char e = text.charAt(pos + 1);
                value.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
        sink.report(Diagnostic.error("E002", "unterminated string literal", file.span(start, pos - start),
                "close the string with \" on the same line"));
        tokens.add(new Token(TokenKind.STRING, value.toString(), file.span(start, pos - start)));
    }

    private void punctuation(int start, char c) {
        char n = peek(1);
        TokenKind kind;
        int len = 1;
        switch (c) {
            case '{' -> kind = TokenKind.LBRACE;
            case '}' -> kind = TokenKind.RBRACE;
            case '(' -> kind = TokenKind.LPAREN;
            case ')' -> kind = TokenKind.RPAREN;
            case '[' -> kind = TokenKind.LBRACKET;
            case ']' -> kind = TokenKind.RBRACKET;
            case ',' -> kind = TokenKind.COMMA;
            case ';' -> kind = TokenKind.SEMI;
            case '#' -> kind = TokenKind.HASH;
            case '*' -> kind = TokenKind.STAR;
            case '+' -> kind = TokenKind.PLUS;
            case '/' -> kind = TokenKind.SLASH;
            case '%' -> kind = TokenKind.PERCENT;
            case ':' -> {
                kind = n == ':' ? TokenKind.COLONCOLON : TokenKind.COLON;
                len = n == ':' ? 2 : 1;
            }
            case '.' -> {
                kind = n == '.' ? TokenKind.DOTDOT : TokenKind.DOT;
                len = n == '.' ? 2 : 1;
            }
            case '<' -> {
                kind = n == '=' ? TokenKind.LE : TokenKind.LT;
                len = n == '=' ? 2 : 1;
            }
            case '>' -> {
                kind = n == '=' ? TokenKind.GE : TokenKind.GT;
                len = n == '=' ? 2 : 1;
            }
            case '=' -> {
                kind = n == '=' ? TokenKind.EQEQ : TokenKind.EQ;
                len = n == '=' ? 2 : 1;
            }
            case '!' -> {
                kind = n == '=' ? TokenKind.NE : TokenKind.BANG;
                len = n == '=' ? 2 : 1;
            }
            case '&' -> {
                kind = n == '&' ? TokenKind.AND : TokenKind.ERROR;
                len = n == '&' ? 2 : 1;
            }
            case '|' -> {
                kind = n == '|' ? TokenKind.OR : TokenKind.PIPE;
                len = n == '|' ? 2 : 1;
            }
            case '-' -> {
                if (n == '>' && peek(2) == '*') {
                    kind = TokenKind.ARROW_ALL;
                    len = 3;
                } else if (n == '>') {
                    kind = TokenKind.ARROW;
                    len = 2;
                } else {
                    kind = TokenKind.MINUS;
                }
            }
            default -> kind = TokenKind.ERROR;
        }
        if (kind == TokenKind.ERROR) {
            len = Character.charCount(text.codePointAt(start));
            String shown = new String(Character.toChars(text.codePointAt(start)));
            sink.report(Diagnostic.error("E003", "unexpected character '" + printable(shown) + "'",
                    file.span(start, len), "remove it; the DSL uses ASCII punctuation such as -> : ; { }"));
        }
        pos = start + len;
        add(kind, start);
    }

    private static String printable(String s) {
        int cp = s.codePointAt(0);
        return Character.isISOControl(cp) || Character.isWhitespace(cp) ? String.format("\\u%04x", cp) : s;
    }

    private void add(TokenKind kind, int start) {
        tokens.add(new Token(kind, text.substring(start, pos), file.span(start, pos - start)));
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isIdentPart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
