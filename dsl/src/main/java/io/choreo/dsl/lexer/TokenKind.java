package io.choreo.dsl.lexer;

/** Kinds of tokens. Keywords are lexed as {@link #IDENT} and recognised by the parser in context. */
public enum TokenKind {
    IDENT("identifier"),
    INT("integer"),
    DECIMAL("number"),
    STRING("string"),
    LBRACE("'{'"), RBRACE("'}'"), LPAREN("'('"), RPAREN("')'"), LBRACKET("'['"), RBRACKET("']'"),
    LT("'<'"), GT("'>'"), LE("'<='"), GE("'>='"), EQ("'='"), EQEQ("'=='"), NE("'!='"),
    COMMA("','"), SEMI("';'"), COLON("':'"), COLONCOLON("'::'"), DOT("'.'"), DOTDOT("'..'"),
    ARROW("'->'"), ARROW_ALL("'->*'"), STAR("'*'"), HASH("'#'"), BANG("'!'"),
    AND("'&&'"), OR("'||'"), PIPE("'|'"), PLUS("'+'"), MINUS("'-'"), SLASH("'/'"), PERCENT("'%'"),
    ERROR("invalid character"),
    EOF("end of file");

    private final String display;

    TokenKind(String display) {
        this.display = display;
    }

    /** How the kind is named in diagnostics. */
    public String display() {
        return display;
    }
}
