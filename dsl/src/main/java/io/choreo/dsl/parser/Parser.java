package io.choreo.dsl.parser;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.Attribute;
import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.ChoreographyFile;
import io.choreo.dsl.ast.Deadline;
import io.choreo.dsl.ast.Destination;
import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.ast.SubProtocol;
import io.choreo.dsl.ast.TypeRef;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.dsl.diagnostic.Suggestions;
import io.choreo.dsl.lexer.Lexer;
import io.choreo.dsl.lexer.Token;
import io.choreo.dsl.lexer.TokenKind;
import io.choreo.dsl.source.SourceFile;
import io.choreo.dsl.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Recursive-descent parser of the choreography DSL. Reports syntax errors into a {@link DiagnosticSink}, recovers at
 * statement boundaries so several errors show at once, and never lets an exception escape.
 */
public final class Parser {
    /** Deepest nesting of blocks and expressions accepted; deeper input is reported, not overflowed. */
    static final int MAX_DEPTH = 200;
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("choice", "loop", "parallel", "rec", "continue",
            "call", "roles", "protocol");

    private final SourceFile file;
    private final List<Token> tokens;
    private final DiagnosticSink sink;
    private int pos;
    private int depth;
    /** Offset of the last syntax error: a second error at the same place is a consequence, not news. */
    private int lastErrorOffset = -1;

    private Parser(SourceFile file, DiagnosticSink sink) {
        this.file = file;
        this.sink = sink;
        this.tokens = Lexer.tokenize(file, sink);
    }

    /** Parses a whole file; syntax errors go to {@code sink}, the returned tree holds what could be parsed. */
    public static ChoreographyFile parse(SourceFile file, DiagnosticSink sink) {
        Parser parser = new Parser(file, sink);
        try {
            return parser.parseFile();
        } catch (RuntimeException | StackOverflowError e) {
            sink.report(Diagnostic.error("E000", "the parser could not continue: " + e,
                    parser.current().span(), "this is a bug in choreo; please report it with the input"));
            return new ChoreographyFile(List.of(), false);
        }
    }

    /** Signals a syntax error already reported; caught at the nearest recovery point. */
    private static final class Bail extends RuntimeException {
        Bail() {
            super(null, null, false, false);
        }
    }

    // ---------------------------------------------------------------- file and header

    private ChoreographyFile parseFile() {
        boolean wrapped = false;
        List<Choreography> choreographies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        do {
            boolean block = isWrapperStart();
            wrapped |= block;
            boolean open = block && openWrapper();
            parseChoreographies(open, choreographies, names);
            if (open) {
                if (current().is(TokenKind.RBRACE)) {
                    advance();
                } else {
                    error(current(), "E012", "unterminated 'choreography!' block: expected '}'",
                            "close the wrapper with '}' at the end of the block");
                }
            }
        } while (wrapped && isWrapperStart());
        if (!current().is(TokenKind.EOF)) {
            error(current(), "E013", "unexpected " + current().describe() + " after the end of the file's content",
                    "remove it, or move it inside a choreography");
        }
        if (choreographies.isEmpty() && !sink.hasErrors()) {
            error(current(), "E014", "no choreography found",
                    "declare one: choreography Name { roles: A, B; A -> B: Hello; }");
        }
        return new ChoreographyFile(choreographies, wrapped);
    }

    private boolean isWrapperStart() {
        return current().isWord("choreography") && peek(1).is(TokenKind.BANG);
    }

    /** Consumes {@code choreography! {}; false if the brace is missing (reported). */
    private boolean openWrapper() {
        advance();
        advance();
        if (!current().is(TokenKind.LBRACE)) {
            error(current(), "E010", "expected '{' after 'choreography!'", "write choreography! { … }");
            return false;
        }
        advance();
        return true;
    }

    /** Choreographies up to the end of the file, or of the wrapper block when {@code inBlock}. */
    private void parseChoreographies(boolean inBlock, List<Choreography> out, Set<String> names) {
        while (!current().is(TokenKind.EOF) && !(inBlock && current().is(TokenKind.RBRACE))
                && !(!inBlock && out.size() > 0 && isWrapperStart())) {
            int before = pos;
            try {
                Choreography c = parseChoreography();
                if (!names.add(c.qualifiedName())) {
                    sink.report(Diagnostic.error("E011", "choreography '" + c.name() + "' is declared twice"
                                    + c.namespace().map(n -> " in namespace '" + n + "'").orElse(""), c.span(),
                            "give each choreography of a namespace its own name (names are isolated per namespace)"));
                }
                out.add(c);
            } catch (Bail bail) {
                syncToTopLevel(before);
            }
        }
    }

    private void syncToTopLevel(int before) {
        if (pos == before) {
            advance();
        }
        int braces = 0;
        while (!current().is(TokenKind.EOF)) {
            Token t = current();
            if (braces <= 0 && (t.is(TokenKind.HASH) || isHeaderKeyword(t) && peek(1).is(TokenKind.IDENT))) {
                return;
            }
            if (t.is(TokenKind.LBRACE)) {
                braces++;
            } else if (t.is(TokenKind.RBRACE)) {
                braces--;
            }
            advance();
        }
    }

    private static boolean isHeaderKeyword(Token t) {
        return t.isWord("choreography") || t.isWord("protocol");
    }

    private Choreography parseChoreography() {
        Token start = current();
        List<Attribute> attributes = new ArrayList<>();
        while (current().is(TokenKind.HASH)) {
            attributes.addAll(parseAttributes());
        }
        Token keyword = current();
        if (!isHeaderKeyword(keyword)) {
            throw error(keyword, "E015", "expected 'choreography' or 'protocol', found " + keyword.describe(),
                    "a file holds declarations such as: choreography Name { … }");
        }
        advance();
        Token name = expect(TokenKind.IDENT, "a choreography name after '" + keyword.text() + "'");
        expect(TokenKind.LBRACE, "'{' to open choreography '" + name.text() + "'");
        Body body = parseBody(true, name.text());
        Token close = expectClose(name, "choreography '" + name.text() + "'");
        return new Choreography(keyword.text(), name.text(), attributes, body.roles, body.subProtocols,
                body.statements, start.span().to(close.span()));
    }

    private List<Attribute> parseAttributes() {
        expect(TokenKind.HASH, "'#'");
        expect(TokenKind.LBRACKET, "'[' after '#'");
        List<Attribute> attributes = new ArrayList<>();
        do {
            Token key = expect(TokenKind.IDENT, "an attribute name such as namespace");
            expect(TokenKind.EQ, "'=' after attribute '" + key.text() + "'");
            Token value = expect(TokenKind.STRING, "a string value for attribute '" + key.text() + "'");
            if (key.text().equals("version")) {
                if (!value.text().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                    error(value, "E070", "version \"" + value.text() + "\" is not a version",
                            "use letters, digits, dots, '-' and '_', such as \"2\" or \"1.4.0\"");
                }
            } else if (!key.text().equals("namespace")) {
                error(key, "E016", "unknown attribute '" + key.text() + "'",
                        "the known attributes are namespace and version");
            } else if (!value.text().matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                error(value, "E017", "namespace \"" + value.text() + "\" is not an identifier",
                        "use letters, digits and underscores, optionally dotted: \"my_protocols\"");
            }
            attributes.add(new Attribute(key.text(), value.text(), key.span().to(value.span())));
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RBRACKET, "']' to close the attribute");
        return attributes;
    }

    private record Body(List<RoleDecl> roles, List<SubProtocol> subProtocols, List<Statement> statements) {
    }

    /** Parses declarations and statements up to (not including) the closing brace. */
    private Body parseBody(boolean topLevel, String owner) {
        List<RoleDecl> roles = new ArrayList<>();
        List<SubProtocol> subs = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        boolean rolesSeen = false;
        while (!current().is(TokenKind.RBRACE) && !current().is(TokenKind.EOF)) {
            int before = pos;
            try {
                if (current().isWord("roles") && peek(1).is(TokenKind.COLON)) {
                    Token rolesToken = current();
                    List<RoleDecl> declared = parseRoles();
                    if (!topLevel) {
                        error(rolesToken, "E018", "a sub-protocol cannot declare roles",
                                "sub-protocols use the roles of '" + owner + "'; remove this line");
                    } else if (rolesSeen) {
                        error(rolesToken, "E019", "roles are declared twice in '" + owner + "'",
                                "declare all roles in one 'roles:' line");
                    } else {
                        roles.addAll(declared);
                    }
                    rolesSeen = true;
                } else if (current().isWord("protocol") && peek(1).is(TokenKind.IDENT)
                        && peek(2).is(TokenKind.LBRACE)) {
                    Token kw = current();
                    SubProtocol sub = parseSubProtocol();
                    if (!topLevel) {
                        error(kw, "E020", "sub-protocols cannot be nested inside sub-protocols",
                                "declare '" + sub.name() + "' directly inside the choreography");
                    } else {
                        subs.add(sub);
                    }
                } else {
                    statements.add(parseStatement());
                }
            } catch (Bail bail) {
                syncStatement(before);
            }
        }
        return new Body(roles, subs, statements);
    }

    private List<RoleDecl> parseRoles() {
        advance();
        advance();
        List<RoleDecl> roles = new ArrayList<>();
        do {
            Token name = expect(TokenKind.IDENT, "a role name");
            RoleDecl.Multiplicity multiplicity = new RoleDecl.Multiplicity.Single();
            Span span = name.span();
            if (accept(TokenKind.LBRACKET)) {
                Token count = current();
                if (count.is(TokenKind.INT)) {
                    int n = intValue(count);
                    if (n < 1) {
                        error(count, "E021", "role array '" + name.text() + "' must have at least one instance",
                                "write " + name.text() + "[1] or more");
                    }
                    multiplicity = new RoleDecl.Multiplicity.Fixed(Math.max(n, 1));
                } else if (count.is(TokenKind.IDENT)) {
                    multiplicity = new RoleDecl.Multiplicity.Symbolic(count.text());
                } else if (count.is(TokenKind.STAR)) {
                    multiplicity = new RoleDecl.Multiplicity.Wildcard();
                } else {
                    throw error(count, "E022", "expected a count, a symbol or '*' in role array '" + name.text()
                            + "', found " + count.describe(), "write " + name.text() + "[3], "
                            + name.text() + "[N] or " + name.text() + "[*]");
                }
                advance();
                span = span.to(expect(TokenKind.RBRACKET, "']' to close the role array").span());
            }
            roles.add(new RoleDecl(name.text(), multiplicity, span));
        } while (accept(TokenKind.COMMA));
        accept(TokenKind.SEMI);
        return roles;
    }

    private SubProtocol parseSubProtocol() {
        Token kw = advance();
        Token name = advance();
        advance();
        enter(kw);
        try {
            Body body = parseBody(false, name.text());
            Token close = expectClose(name, "sub-protocol '" + name.text() + "'");
            return new SubProtocol(name.text(), body.statements, kw.span().to(close.span()));
        } finally {
            depth--;
        }
    }

    // ---------------------------------------------------------------- statements

    private void syncStatement(int before) {
        if (pos == before && !current().is(TokenKind.RBRACE)) {
            advance();
        }
        int braces = 0;
        while (!current().is(TokenKind.EOF)) {
            Token t = current();
            if (t.is(TokenKind.LBRACE)) {
                braces++;
            } else if (t.is(TokenKind.RBRACE)) {
                if (braces == 0) {
                    return;
                }
                braces--;
                if (braces == 0) {
                    advance();
                    return;
                }
            } else if (t.is(TokenKind.SEMI) && braces == 0) {
                advance();
                return;
            } else if (braces == 0 && pos > before && startsStatementOnNewLine(t)) {
                return;
            }
            advance();
        }
    }

    private boolean startsStatementOnNewLine(Token t) {
        Token previous = tokens.get(Math.max(0, pos - 1));
        return t.is(TokenKind.IDENT) && t.span().line() > previous.span().line()
                && (STATEMENT_KEYWORDS.contains(t.text()) || peek(1).is(TokenKind.ARROW)
                || peek(1).is(TokenKind.ARROW_ALL) || peek(1).is(TokenKind.LBRACKET));
    }

    private List<Statement> parseBlock(String what) {
        Token open = expect(TokenKind.LBRACE, "'{' to open " + what);
        enter(open);
        try {
            List<Statement> statements = new ArrayList<>();
            while (!current().is(TokenKind.RBRACE) && !current().is(TokenKind.EOF)) {
                int before = pos;
                try {
                    if (current().isWord("roles") && peek(1).is(TokenKind.COLON)) {
                        throw error(current(), "E023", "roles must be declared at the top of the choreography",
                                "move this line to the choreography body");
                    }
                    if (current().isWord("protocol") && peek(1).is(TokenKind.IDENT)) {
                        throw error(current(), "E024", "sub-protocols must be declared directly in the choreography",
                                "move the declaration out of " + what);
                    }
                    statements.add(parseStatement());
                } catch (Bail bail) {
                    syncStatement(before);
                }
            }
            expectClose(open, what);
            return statements;
        } finally {
            depth--;
        }
    }

    private Statement parseStatement() {
        Token t = current();
        if (t.is(TokenKind.IDENT)) {
            switch (t.text()) {
                case "choice" -> {
                    if (peek(1).is(TokenKind.IDENT)) {
                        return parseChoice();
                    }
                }
                case "loop" -> {
                    if (peek(1).is(TokenKind.LPAREN)) {
                        return parseLoop();
                    }
                }
                case "parallel" -> {
                    if (peek(1).is(TokenKind.LBRACE)) {
                        return parseParallel();
                    }
                }
                case "rec" -> {
                    if (peek(1).is(TokenKind.IDENT)) {
                        Token label = peek(1);
                        advance();
                        advance();
                        List<Statement> body = parseBlock("rec " + label.text());
                        return new Statement.Rec(label.text(), body, t.span().to(previous().span()));
                    }
                }
                case "continue" -> {
                    if (peek(1).is(TokenKind.IDENT)) {
                        advance();
                        Token label = advance();
                        accept(TokenKind.SEMI);
                        return new Statement.Continue(label.text(), t.span().to(label.span()));
                    }
                }
                case "call" -> {
                    if (peek(1).is(TokenKind.IDENT)) {
                        advance();
                        Token name = advance();
                        accept(TokenKind.SEMI);
                        return new Statement.Call(name.text(), t.span().to(name.span()));
                    }
                }
                default -> {
                    // an interaction
                }
            }
            return parseInteraction();
        }
        throw error(t, "E030", "expected a statement, found " + t.describe(),
                "statements are interactions (A -> B: Msg;), choice, loop, parallel, rec, continue or call");
    }

    private Statement parseInteraction() {
        Token fromToken = current();
        advance();
        RoleRef.Index index = new RoleRef.Index.None();
        Span fromSpan = fromToken.span();
        Annotations annotations = Annotations.none();
        if (current().is(TokenKind.LBRACKET) && !isAnnotationStart()) {
            index = parseIndex(fromToken.text());
            fromSpan = fromSpan.to(previous().span());
        }
        if (current().is(TokenKind.LBRACKET)) {
            annotations = parseAnnotations();
        }
        RoleRef from = new RoleRef(fromToken.text(), index, fromSpan);
        Destination to;
        if (accept(TokenKind.ARROW_ALL)) {
            to = new Destination.EveryoneElse(previous().span());
        } else if (accept(TokenKind.ARROW)) {
            to = parseRoleRef();
        } else {
            throw error(current(), "E031", "expected '->' after sender '" + fromToken.text() + "', found "
                    + current().describe(), "an interaction reads: Sender -> Receiver: Message;");
        }
        expect(TokenKind.COLON, "':' before the message");
        MessageType message = parseMessageType();
        Span span = fromToken.span().to(previous().span());
        accept(TokenKind.SEMI);
        return new Statement.Interaction(from, to, message, annotations, span);
    }

    private boolean isAnnotationStart() {
        return peek(1).is(TokenKind.IDENT) && peek(2).is(TokenKind.EQ);
    }

    private RoleRef parseRoleRef() {
        Token name = expect(TokenKind.IDENT, "a receiving role");
        RoleRef.Index index = new RoleRef.Index.None();
        Span span = name.span();
        if (current().is(TokenKind.LBRACKET)) {
            if (isAnnotationStart()) {
                throw error(current(), "E032", "annotations belong on the sender, not the receiver",
                        "move them: Sender[flow_cost = 10] -> " + name.text() + ": Msg;");
            }
            index = parseIndex(name.text());
            span = span.to(previous().span());
        }
        return new RoleRef(name.text(), index, span);
    }

    private RoleRef.Index parseIndex(String role) {
        Token open = advance();
        Token t = current();
        RoleRef.Index index;
        if (accept(TokenKind.STAR)) {
            index = new RoleRef.Index.All();
        } else if (t.is(TokenKind.INT) || t.is(TokenKind.IDENT)) {
            advance();
            if (accept(TokenKind.DOTDOT)) {
                Bound from = bound(t);
                Token hi = current();
                if (!hi.is(TokenKind.INT) && !hi.is(TokenKind.IDENT)) {
                    throw error(hi, "E033", "expected the upper bound of the range, found " + hi.describe(),
                            "a range reads " + role + "[0..k] (k excluded)");
                }
                advance();
                Bound to = bound(hi);
                if (from instanceof Bound.Literal lo && to instanceof Bound.Literal up && lo.value() >= up.value()) {
                    error(t, "E034", "empty range " + role + "[" + lo.value() + ".." + up.value() + "]",
                            "ranges are half-open: [a..b] selects a, …, b-1, so a must be below b");
                }
                index = new RoleRef.Index.Range(from, to);
            } else if (t.is(TokenKind.INT)) {
                index = new RoleRef.Index.At(intValue(t));
            } else {
                index = new RoleRef.Index.Each(t.text());
            }
        } else {
            throw error(t, "E035", "expected an index, '*', a variable or a range in " + role + "[…], found "
                    + t.describe(), "write " + role + "[0], " + role + "[*], " + role + "[i] or " + role + "[0..k]");
        }
        if (!current().is(TokenKind.RBRACKET)) {
            throw error(current(), "E036", "expected ']' to close the index of '" + role + "', found "
                    + current().describe(), "opened here at " + open.span().position());
        }
        advance();
        return index;
    }

    private Bound bound(Token t) {
        return t.is(TokenKind.INT) ? new Bound.Literal(intValue(t)) : new Bound.Symbol(t.text());
    }

    private Annotations parseAnnotations() {
        Token open = advance();
        Optional<String> capability = Optional.empty();
        OptionalInt cost = OptionalInt.empty();
        List<String> facts = List.of();
        boolean merge = false;
        Set<String> seen = new HashSet<>();
        do {
            Token key = expect(TokenKind.IDENT, "an annotation name");
            expect(TokenKind.EQ, "'=' after annotation '" + key.text() + "'");
            Token value = current();
            if (value.is(TokenKind.MINUS) && peek(1).is(TokenKind.INT)) {
                advance();
                value = new Token(TokenKind.ERROR, "-" + current().text(), value.span().to(current().span()));
            }
            advance();
            AnnotationKeys known = AnnotationKeys.find(key.text());
            if (known == null) {
                error(key, "E040", "unknown annotation '" + key.text() + "'",
                        Suggestions.hint(key.text(), AnnotationKeys.names(), "known annotations"));
                continue;
            }
            if (!seen.add(known.key())) {
                error(key, "E041", "annotation '" + key.text() + "' is given twice", "keep one of them");
            }
            switch (known) {
                case GUARD_CAPABILITY -> {
                    if (checkType(value, TokenKind.STRING, known)) {
                        if (value.text().isBlank()) {
                            error(value, "E043", "guard_capability must name a capability", "e.g. \"send_data\"");
                        }
                        capability = Optional.of(value.text());
                    }
                }
                case FLOW_COST -> {
                    if (checkType(value, TokenKind.INT, known)) {
                        cost = OptionalInt.of(intValue(value));
                    }
                }
                case JOURNAL_FACTS -> {
                    if (checkType(value, TokenKind.STRING, known)) {
                        facts = java.util.Arrays.stream(value.text().split(",")).map(String::trim).toList();
                        if (facts.stream().anyMatch(String::isEmpty)) {
                            error(value, "E044", "journal_facts has an empty fact name",
                                    "separate fact names with single commas: \"f1,f2\"");
                            facts = facts.stream().filter(f -> !f.isEmpty()).toList();
                        }
                    }
                }
                case JOURNAL_MERGE -> {
                    if (value.isWord("true") || value.isWord("false")) {
                        merge = value.isWord("true");
                    } else {
                        wrongType(value, known);
                    }
                }
                default -> throw new IllegalStateException(known.toString());
            }
        } while (accept(TokenKind.COMMA));
        Token close = expect(TokenKind.RBRACKET, "']' to close the annotations");
        return new Annotations(true, capability, cost, facts, merge, open.span().to(close.span()));
    }

    private boolean checkType(Token value, TokenKind kind, AnnotationKeys key) {
        if (value.is(kind)) {
            return true;
        }
        wrongType(value, key);
        return false;
    }

    private void wrongType(Token value, AnnotationKeys key) {
        String found = value.is(TokenKind.ERROR) ? "'" + value.text() + "'" : value.describe();
        error(value, "E042", "annotation '" + key.key() + "' takes " + key.expected() + ", found " + found,
                "write " + key.key() + " = " + switch (key) {
                    case GUARD_CAPABILITY -> "\"capability_name\"";
                    case FLOW_COST -> "200";
                    case JOURNAL_FACTS -> "\"fact_a,fact_b\"";
                    case JOURNAL_MERGE -> "true";
                });
    }

    private MessageType parseMessageType() {
        Token label = expect(TokenKind.IDENT, "a message label");
        List<TypeRef> typeArgs = List.of();
        List<TypeRef> payload = List.of();
        if (current().is(TokenKind.LT)) {
            typeArgs = parseTypeArgs();
        }
        if (accept(TokenKind.LPAREN)) {
            payload = current().is(TokenKind.RPAREN) ? List.of() : parseTypeList();
            expect(TokenKind.RPAREN, "')' to close the payload of " + label.text());
        }
        return new MessageType(label.text(), typeArgs, payload);
    }

    private List<TypeRef> parseTypeArgs() {
        Token open = advance();
        enter(open);
        try {
            List<TypeRef> args = parseTypeList();
            expect(TokenKind.GT, "'>' to close the type arguments opened at " + open.span().position());
            return args;
        } finally {
            depth--;
        }
    }

    private List<TypeRef> parseTypeList() {
        List<TypeRef> types = new ArrayList<>();
        do {
            types.add(parseType());
        } while (accept(TokenKind.COMMA));
        return types;
    }

    private TypeRef parseType() {
        StringBuilder path = new StringBuilder(expect(TokenKind.IDENT, "a type name").text());
        while (current().is(TokenKind.COLONCOLON) || current().is(TokenKind.DOT)) {
            path.append(advance().text());
            path.append(expect(TokenKind.IDENT, "a name after '" + previous().text() + "'").text());
        }
        List<TypeRef> args = current().is(TokenKind.LT) ? parseTypeArgs() : List.of();
        return new TypeRef(path.toString(), args);
    }

    /** A deciding role: a plain role, or one instance of an array ({@code W[2]}), as its text and span. */
    private record Decider(String text, io.choreo.dsl.source.Span span) {
    }

    private Decider parseDecider(Token role) {
        if (!current().is(TokenKind.LBRACKET)) {
            return new Decider(role.text(), role.span());
        }
        advance();
        Token index = expect(TokenKind.INT, "an instance index in " + role.text() + "[…]");
        expect(TokenKind.RBRACKET, "']' after the instance index");
        return new Decider(role.text() + "[" + intValue(index) + "]", role.span().to(previous().span()));
    }

    private Statement parseChoice() {
        Token kw = advance();
        Decider role = parseDecider(advance());
        Optional<Deadline> deadline = current().isWord("within") ? Optional.of(parseDeadline()) : Optional.empty();
        Token open = expect(TokenKind.LBRACE, "'{' to open the branches of choice " + role.text());
        enter(open);
        List<Statement.Branch> branches = new ArrayList<>();
        try {
            while (!current().is(TokenKind.RBRACE) && !current().is(TokenKind.EOF)) {
                int before = pos;
                try {
                    branches.add(parseBranch());
                    accept(TokenKind.COMMA);
                } catch (Bail bail) {
                    syncStatement(before);
                }
            }
            Token close = expectClose(open, "choice " + role.text());
            return new Statement.Choice(role.text(), role.span(), branches, kw.span().to(close.span()), deadline);
        } finally {
            depth--;
        }
    }

    /** {@code within 5s} (units ms, s, m, h) or {@code within variable}. */
    private Deadline parseDeadline() {
        Token within = advance();
        Token t = current();
        if (t.is(TokenKind.IDENT)) {
            advance();
            return new Deadline.Variable(t.text(), t.span());
        }
        if (!t.is(TokenKind.INT)) {
            throw error(t, "E075", "expected a deadline after 'within', found " + t.describe(),
                    "write a duration such as 5s, 250ms, 2m or 1h, or the name of a variable the deciding role supplies");
        }
        advance();
        Token unit = current();
        java.time.temporal.ChronoUnit chrono = unit.is(TokenKind.IDENT) ? switch (unit.text()) {
            case "ms" -> java.time.temporal.ChronoUnit.MILLIS;
            case "s" -> java.time.temporal.ChronoUnit.SECONDS;
            case "m" -> java.time.temporal.ChronoUnit.MINUTES;
            case "h" -> java.time.temporal.ChronoUnit.HOURS;
            default -> null;
        } : null;
        if (chrono == null) {
            throw error(unit, "E076", "the deadline " + t.text() + " needs a unit, found " + unit.describe(),
                    "write " + t.text() + "ms, " + t.text() + "s, " + t.text() + "m or " + t.text() + "h");
        }
        advance();
        long amount = intValue(t);
        if (amount <= 0) {
            throw error(t, "E077", "a deadline must be positive, found " + t.text() + unit.text(),
                    "use a duration of at least 1ms");
        }
        java.time.Duration duration = java.time.Duration.of(amount, chrono);
        if (duration.compareTo(Deadline.MAX) > 0) {
            throw error(t, "E078", "a deadline must be at most " + Deadline.Fixed.format(Deadline.MAX) + " (180 days), "
                    + "found " + t.text() + unit.text(), "wait for a shorter time, or end the session and start "
                    + "another one later");
        }
        return new Deadline.Fixed(duration, within.span().to(unit.span()));
    }

    private Statement.Branch parseBranch() {
        Token label = expect(TokenKind.IDENT, "a branch label");
        Optional<Expr> guard = Optional.empty();
        if (current().isWord("when")) {
            advance();
            guard = Optional.of(parseExpr(0));
        }
        expect(TokenKind.COLON, "':' after branch label '" + label.text() + "'");
        List<Statement> body = parseBlock("branch '" + label.text() + "'");
        return new Statement.Branch(label.text(), guard, body, label.span().to(previous().span()));
    }

    private Statement parseLoop() {
        Token kw = advance();
        advance();
        Token kind = expect(TokenKind.IDENT, "'count' or 'decides' in loop (…)");
        expect(TokenKind.COLON, "':' after '" + kind.text() + "'");
        Statement.LoopKind loopKind;
        Token arg = current();
        if (kind.text().equals("count")) {
            if (arg.is(TokenKind.INT)) {
                int n = intValue(arg);
                if (n < 1) {
                    error(arg, "E050", "loop count must be at least 1", "drop the loop, or count 1 or more");
                }
                loopKind = new Statement.LoopKind.Count(new Bound.Literal(Math.max(1, n)));
            } else if (arg.is(TokenKind.IDENT)) {
                loopKind = new Statement.LoopKind.Count(new Bound.Symbol(arg.text()));
            } else {
                throw error(arg, "E051", "expected a count or a symbol, found " + arg.describe(),
                        "write loop (count: 5) or loop (count: N)");
            }
            advance();
        } else if (kind.text().equals("decides")) {
            if (!arg.is(TokenKind.IDENT)) {
                throw error(arg, "E052", "expected the deciding role, found " + arg.describe(),
                        "write loop (decides: Client)");
            }
            advance();
            Decider decider = parseDecider(arg);
            loopKind = new Statement.LoopKind.Decides(decider.text(), decider.span());
        } else {
            throw error(kind, "E053", "unknown loop kind '" + kind.text() + "'",
                    Suggestions.hint(kind.text(), List.of("count", "decides"), "loop kinds"));
        }
        expect(TokenKind.RPAREN, "')' to close loop (…)");
        List<Statement> body = parseBlock("loop");
        return new Statement.Loop(loopKind, body, kw.span().to(previous().span()));
    }

    private Statement parseParallel() {
        Token kw = advance();
        List<List<Statement>> branches = new ArrayList<>();
        branches.add(parseBlock("parallel branch"));
        while (current().isWord("and") || current().is(TokenKind.PIPE)) {
            advance();
            branches.add(parseBlock("parallel branch"));
        }
        if (branches.size() < 2) {
            error(kw, "E054", "parallel needs at least two branches",
                    "add one: parallel { … } and { … }, or drop 'parallel'");
        }
        return new Statement.Parallel(branches, kw.span().to(previous().span()));
    }

    // ---------------------------------------------------------------- guard expressions

    private Expr parseExpr(int minPrecedence) {
        Token start = current();
        enter(start);
        try {
            Expr left = parseUnary();
            while (true) {
                Expr.BinaryOp op = binaryOp(current());
                if (op == null || op.precedence() < minPrecedence) {
                    return left;
                }
                advance();
                Expr right = parseExpr(op.precedence() + 1);
                left = new Expr.Binary(op, left, right, left.span().to(right.span()));
            }
        } finally {
            depth--;
        }
    }

    private Expr parseUnary() {
        Token t = current();
        if (t.is(TokenKind.BANG) || t.is(TokenKind.MINUS)) {
            advance();
            enter(t);
            try {
                Expr operand = parseUnary();
                return new Expr.Unary(t.is(TokenKind.BANG) ? Expr.UnaryOp.NOT : Expr.UnaryOp.NEGATE, operand,
                        t.span().to(operand.span()));
            } finally {
                depth--;
            }
        }
        return parsePrimary();
    }

    private Expr parsePrimary() {
        Token t = current();
        switch (t.kind()) {
            case INT -> {
                advance();
                try {
                    return new Expr.IntLiteral(Long.parseLong(t.text()), t.span());
                } catch (NumberFormatException e) {
                    throw error(t, "E060", "integer " + t.text() + " is too large", "use a smaller number");
                }
            }
            case DECIMAL -> {
                advance();
                return new Expr.DecimalLiteral(Double.parseDouble(t.text()), t.span());
            }
            case STRING -> {
                advance();
                return new Expr.StringLiteral(t.text(), t.span());
            }
            case IDENT -> {
                advance();
                if (t.text().equals("true") || t.text().equals("false")) {
                    return new Expr.BoolLiteral(t.text().equals("true"), t.span());
                }
                Expr target = new Expr.Variable(t.text(), t.span());
                while (current().is(TokenKind.DOT) && peek(1).is(TokenKind.IDENT)) {
                    advance();
                    Token part = advance();
                    if (current().is(TokenKind.LPAREN)) {
                        advance();
                        Token close = expect(TokenKind.RPAREN, "')': calls in guards take no arguments, e.g. "
                                + "items.len()");
                        target = new Expr.Call(target, part.text(), target.span().to(close.span()));
                    } else {
                        target = new Expr.Member(target, part.text(), target.span().to(part.span()));
                    }
                }
                return target;
            }
            case LPAREN -> {
                advance();
                Expr inner = parseExpr(0);
                expect(TokenKind.RPAREN, "')' to close the parenthesis opened at " + t.span().position());
                return inner;
            }
            default -> throw error(t, "E061", "expected an expression, found " + t.describe(),
                    "guards compare variables and literals: when (balance > price && !blocked)");
        }
    }

    private static Expr.BinaryOp binaryOp(Token t) {
        return switch (t.kind()) {
            case OR -> Expr.BinaryOp.OR;
            case AND -> Expr.BinaryOp.AND;
            case EQEQ -> Expr.BinaryOp.EQ;
            case NE -> Expr.BinaryOp.NE;
            case LT -> Expr.BinaryOp.LT;
            case LE -> Expr.BinaryOp.LE;
            case GT -> Expr.BinaryOp.GT;
            case GE -> Expr.BinaryOp.GE;
            case PLUS -> Expr.BinaryOp.ADD;
            case MINUS -> Expr.BinaryOp.SUB;
            case STAR -> Expr.BinaryOp.MUL;
            case SLASH -> Expr.BinaryOp.DIV;
            case PERCENT -> Expr.BinaryOp.MOD;
            default -> null;
        };
    }

    // ---------------------------------------------------------------- token helpers

    private void enter(Token at) {
        if (++depth > MAX_DEPTH) {
            depth--;
            throw error(at, "E004", "nesting deeper than " + MAX_DEPTH + " levels",
                    "split the protocol into sub-protocols with 'call'");
        }
    }

    private int intValue(Token t) {
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            error(t, "E005", "number " + t.text() + " is too large", "use a number below 2147483648");
            return Integer.MAX_VALUE;
        }
    }

    private Token current() {
        return tokens.get(pos);
    }

    private Token previous() {
        return tokens.get(Math.max(0, pos - 1));
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = current();
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    private boolean accept(TokenKind kind) {
        if (current().is(kind)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(TokenKind kind, String what) {
        Token t = current();
        if (t.is(kind)) {
            return advance();
        }
        throw error(t, "E006", "expected " + what + ", found " + t.describe(), hintFor(kind));
    }

    private Token expectClose(Token opener, String what) {
        Token t = current();
        if (t.is(TokenKind.RBRACE)) {
            return advance();
        }
        String position = opener.span().isNone() ? "" : " opened at " + opener.span().position();
        throw error(t, "E007", "unterminated " + what + ": expected '}', found " + t.describe(),
                "add '}' to close " + what + position);
    }

    private static String hintFor(TokenKind kind) {
        return switch (kind) {
            case SEMI -> "end the statement with ';'";
            case COLON -> "an interaction reads: Sender -> Receiver: Message;";
            case IDENT -> "names start with a letter or '_'";
            case RBRACE -> "close the block with '}'";
            default -> "insert " + kind.display();
        };
    }

    private Bail error(Token at, String code, String message, String hint) {
        if (sink.size() < 200 && at.span().offset() != lastErrorOffset) {
            sink.report(Diagnostic.error(code, message, at.span(), hint));
            lastErrorOffset = at.span().offset();
        }
        return new Bail();
    }
}
