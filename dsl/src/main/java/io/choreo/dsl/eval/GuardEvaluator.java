package io.choreo.dsl.eval;

import io.choreo.dsl.ast.Expr;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a guard expression against the variables a role's handler supplies. Variables may hold maps, records,
 * collections and strings, read with member access and {@code len()}/{@code size()}/{@code is_empty()} (see
 * {@link GuardValues}). Numbers of any Java numeric type compare by value; {@code &&} and {@code ||} short-circuit. Mistakes (unknown variable, wrong operand type, division
 * by zero) raise a {@link GuardException} naming the expression's position.
 */
public final class GuardEvaluator {
    private GuardEvaluator() {
    }

    /**
     * The names an expression reads from the handler's variables: each variable, and each dotted member chain
     * ({@code order.total}), since a handler may supply either.
     */
    public static java.util.Set<String> variableNames(Expr e) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Expr x = todo.pop();
            if (x instanceof Expr.Variable v) {
                out.add(v.name());
            } else if (x instanceof Expr.Member m) {
                String dotted = GuardValues.dottedName(m);
                if (dotted != null) {
                    out.add(dotted);
                }
                todo.push(m.target());
            } else if (x instanceof Expr.Call c) {
                todo.push(c.target());
            } else if (x instanceof Expr.Unary u) {
                todo.push(u.operand());
            } else if (x instanceof Expr.Binary b) {
                todo.push(b.left());
                todo.push(b.right());
            }
        }
        return out;
    }

    /** Evaluates a guard that must produce a boolean. */
    public static boolean test(Expr guard, Map<String, ?> variables) {
        Object value = evaluate(guard, variables);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new GuardException("guard does not evaluate to a boolean but to " + describe(value), guard.span(),
                GuardException.Kind.TYPE_MISMATCH);
    }

    /** Evaluates any expression to a Boolean, a Long, a Double or a String. */
    public static Object evaluate(Expr e, Map<String, ?> variables) {
        if (e instanceof Expr.IntLiteral i) {
            return i.value();
        } else if (e instanceof Expr.DecimalLiteral d) {
            return d.value();
        } else if (e instanceof Expr.BoolLiteral b) {
            return b.value();
        } else if (e instanceof Expr.StringLiteral s) {
            return s.value();
        } else if (e instanceof Expr.Variable || e instanceof Expr.Member || e instanceof Expr.Call) {
            return normalise(GuardValues.raw(e, variables), e);
        } else if (e instanceof Expr.Unary u) {
            Object operand = evaluate(u.operand(), variables);
            if (u.op() == Expr.UnaryOp.NOT) {
                return !bool(operand, u);
            }
            return operand instanceof Long l ? (Object) (-l) : (Object) (-number(operand, u));
        } else if (e instanceof Expr.Binary b) {
            return binary(b, variables);
        }
        throw new GuardException("unknown expression", e.span());
    }

    private static Object binary(Expr.Binary b, Map<String, ?> variables) {
        switch (b.op()) {
            case AND:
                return bool(evaluate(b.left(), variables), b) && bool(evaluate(b.right(), variables), b);
            case OR:
                return bool(evaluate(b.left(), variables), b) || bool(evaluate(b.right(), variables), b);
            default:
                break;
        }
        Object l = evaluate(b.left(), variables);
        Object r = evaluate(b.right(), variables);
        switch (b.op()) {
            case EQ:
                return equal(l, r);
            case NE:
                return !equal(l, r);
            case LT:
                return compare(l, r, b) < 0;
            case LE:
                return compare(l, r, b) <= 0;
            case GT:
                return compare(l, r, b) > 0;
            case GE:
                return compare(l, r, b) >= 0;
            default:
                return arithmetic(b, l, r);
        }
    }

    private static Object arithmetic(Expr.Binary b, Object l, Object r) {
        if (b.op() == Expr.BinaryOp.ADD && (l instanceof String || r instanceof String)) {
            return String.valueOf(l) + r;
        }
        if (l instanceof Long x && r instanceof Long y) {
            if ((b.op() == Expr.BinaryOp.DIV || b.op() == Expr.BinaryOp.MOD) && y == 0) {
                throw new GuardException("division by zero", b.span());
            }
            return switch (b.op()) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                default -> x % y;
            };
        }
        double x = number(l, b);
        double y = number(r, b);
        return switch (b.op()) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            default -> x % y;
        };
    }

    private static boolean equal(Object l, Object r) {
        if (l instanceof Number && r instanceof Number) {
            return Double.compare(((Number) l).doubleValue(), ((Number) r).doubleValue()) == 0;
        }
        return Objects.equals(l, r);
    }

    private static int compare(Object l, Object r, Expr at) {
        if (l instanceof String x && r instanceof String y) {
            return x.compareTo(y);
        }
        if (l instanceof Long x && r instanceof Long y) {
            return Long.compare(x, y);
        }
        return Double.compare(number(l, at), number(r, at));
    }

    private static boolean bool(Object v, Expr at) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new GuardException("expected a boolean, found " + describe(v), at.span(),
                GuardException.Kind.TYPE_MISMATCH);
    }

    private static double number(Object v, Expr at) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new GuardException("expected a number, found " + describe(v), at.span(),
                GuardException.Kind.TYPE_MISMATCH);
    }

    private static Object normalise(Object v, Expr at) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        throw new GuardException("'" + io.choreo.dsl.print.PrettyPrinter.expression(at) + "' has unsupported type "
                + describe(v) + "; compare its members or call len(), size() or is_empty()", at.span(),
                GuardException.Kind.TYPE_MISMATCH);
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
    }
}
