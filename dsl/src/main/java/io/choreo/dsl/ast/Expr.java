package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;

/** A guard expression: literals, variables, member access, zero-argument calls, unary and binary operators. */
public sealed interface Expr {

    Span span();

    record IntLiteral(long value, Span span) implements Expr {
    }

    record DecimalLiteral(double value, Span span) implements Expr {
    }

    record BoolLiteral(boolean value, Span span) implements Expr {
    }

    record StringLiteral(String value, Span span) implements Expr {
    }

    /** A variable supplied by the deciding role's handler. */
    record Variable(String name, Span span) implements Expr {
    }

    /** {@code target.name}: a field of a record, a key of a map, or a getter of the value. */
    record Member(Expr target, String name, Span span) implements Expr {
    }

    /** {@code target.method()}: a zero-argument call ({@code len}, {@code size}, {@code is_empty}). */
    record Call(Expr target, String method, Span span) implements Expr {
    }

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {
    }

    record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {
    }

    enum UnaryOp {
        NOT("!"), NEGATE("-");

        private final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** Binary operators with their precedence (higher binds tighter). */
    enum BinaryOp {
        OR("||", 1), AND("&&", 2),
        EQ("==", 3), NE("!=", 3),
        LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4),
        ADD("+", 5), SUB("-", 5),
        MUL("*", 6), DIV("/", 6), MOD("%", 6);

        private final String symbol;
        private final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public String symbol() {
            return symbol;
        }

        public int precedence() {
            return precedence;
        }
    }
}
