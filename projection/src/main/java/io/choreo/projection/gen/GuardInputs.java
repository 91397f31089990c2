package io.choreo.projection.gen;

import io.choreo.dsl.ast.Expr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a role's guards read, each with the Java type its use implies: compared or computed with numbers →
 * {@code long} ({@code double} if the guard has a decimal literal); combined with {@code && || !} → {@code boolean};
 * compared with a string literal → {@code String}; a value whose members or methods are read, or used in conflicting
 * ways → {@code Object}.
 */
final class GuardInputs {
    private enum Kind { UNKNOWN, BOOLEAN, NUMBER, DECIMAL, STRING, OBJECT }

    private final Map<String, Kind> variables = new LinkedHashMap<>();

    /** Adds the variables of one guard. */
    void add(Expr guard) {
        boolean decimal = hasDecimal(guard);
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[] {guard, Kind.BOOLEAN});
        while (!todo.isEmpty()) {
            Object[] item = todo.pop();
            Expr e = (Expr) item[0];
            Kind expected = (Kind) item[1];
            if (e instanceof Expr.Variable v) {
                Kind k = expected == Kind.NUMBER && decimal ? Kind.DECIMAL : expected;
                variables.merge(v.name(), k, GuardInputs::merge);
            } else if (e instanceof Expr.Member m) {
                todo.push(new Object[] {m.target(), Kind.OBJECT});
            } else if (e instanceof Expr.Call c) {
                todo.push(new Object[] {c.target(), Kind.OBJECT});
            } else if (e instanceof Expr.Unary u) {
                todo.push(new Object[] {u.operand(), u.op() == Expr.UnaryOp.NOT ? Kind.BOOLEAN : Kind.NUMBER});
            } else if (e instanceof Expr.Binary b) {
                Kind operands = switch (b.op()) {
                    case AND, OR -> Kind.BOOLEAN;
                    case EQ, NE -> merge(literalKind(b.left()), literalKind(b.right()));
                    default -> Kind.NUMBER;
                };
                todo.push(new Object[] {b.right(), operands});
                todo.push(new Object[] {b.left(), operands});
            }
        }
    }

    boolean isEmpty() {
        return variables.isEmpty();
    }

    /** Variable name (as the guards write it) to Java type. */
    Map<String, String> javaTypes() {
        Map<String, String> out = new LinkedHashMap<>();
        variables.forEach((name, kind) -> out.put(name, switch (kind) {
            case BOOLEAN -> "boolean";
            case NUMBER -> "long";
            case DECIMAL -> "double";
            case STRING -> "String";
            default -> "Object";
        }));
        return out;
    }

    private static Kind literalKind(Expr e) {
        if (e instanceof Expr.IntLiteral || e instanceof Expr.DecimalLiteral) {
            return Kind.NUMBER;
        }
        if (e instanceof Expr.BoolLiteral) {
            return Kind.BOOLEAN;
        }
        if (e instanceof Expr.StringLiteral) {
            return Kind.STRING;
        }
        if (e instanceof Expr.Binary b && b.op().precedence() >= Expr.BinaryOp.ADD.precedence()) {
            return Kind.NUMBER;
        }
        return Kind.UNKNOWN;
    }

    private static Kind merge(Kind a, Kind b) {
        if (a == b || b == Kind.UNKNOWN) {
            return a;
        }
        if (a == Kind.UNKNOWN) {
            return b;
        }
        if ((a == Kind.NUMBER && b == Kind.DECIMAL) || (a == Kind.DECIMAL && b == Kind.NUMBER)) {
            return Kind.DECIMAL;
        }
        return Kind.OBJECT;
    }

    private static boolean hasDecimal(Expr guard) {
        Deque<Expr> todo = new ArrayDeque<>(List.of(guard));
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (e instanceof Expr.DecimalLiteral) {
                return true;
            } else if (e instanceof Expr.Unary u) {
                todo.push(u.operand());
            } else if (e instanceof Expr.Binary b) {
                todo.push(b.left());
                todo.push(b.right());
            } else if (e instanceof Expr.Member m) {
                todo.push(m.target());
            } else if (e instanceof Expr.Call c) {
                todo.push(c.target());
            }
        }
        return false;
    }
}
