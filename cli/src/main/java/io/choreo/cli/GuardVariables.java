package io.choreo.cli;

import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.eval.GuardEvaluator;
import io.choreo.dsl.eval.GuardException;
import io.choreo.dsl.print.PrettyPrinter;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.Traversal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --var NAME=VALUE}: values are read as numbers, booleans or text; a name no guard reads, or a value of the
 * wrong kind for a guard (text where a number is compared), is a usage error naming the guard and its line.
 */
final class GuardVariables {
    private GuardVariables() {
    }

    /** A guard of a protocol with the line of its choice. */
    private record Guard(Expr expr, int line) {
    }

    static Map<String, Object> parse(Map<String, String> given) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        given.forEach((k, v) -> parsed.put(k, value(v)));
        return parsed;
    }

    /** Fails with a usage error for a variable no guard reads, or one a guard cannot use. */
    static void check(Collection<CompiledProtocol> protocols, Map<String, Object> variables) {
        List<Guard> guards = new ArrayList<>();
        for (CompiledProtocol p : protocols) {
            Traversal.forEach(p.global().body(), g -> {
                if (g instanceof Global.Choice c) {
                    c.branches().forEach(b -> b.guard().ifPresent(e -> guards.add(new Guard(e, c.span().line()))));
                }
            });
        }
        Set<String> read = new TreeSet<>();
        guards.forEach(g -> read.addAll(GuardEvaluator.variableNames(g.expr())));
        for (String name : variables.keySet()) {
            if (!read.contains(name)) {
                throw new UsageError("--var " + name + ": no guard reads '" + name + "'"
                        + (read.isEmpty() ? " (the protocol has no guards)" : " (guards read: "
                        + String.join(", ", read) + ")"));
            }
        }
        for (Guard g : guards) {
            textAsNumber(g.expr(), variables).ifPresent(name -> {
                throw new UsageError("--var " + name + "=" + variables.get(name) + ": the guard at line " + g.line()
                        + " (" + PrettyPrinter.expression(g.expr()) + ") uses " + name + " as a number");
            });
            try {
                GuardEvaluator.evaluate(g.expr(), variables);
            } catch (GuardException e) {
                if (e.kind() == GuardException.Kind.TYPE_MISMATCH) {
                    throw new UsageError("--var: the guard at line " + g.line() + " ("
                            + PrettyPrinter.expression(g.expr()) + ") cannot use the given values: "
                            + e.getMessage().replaceAll(" \\(at \\d+:\\d+\\)$", "") + " (given: " + variables + ")");
                }
            }
        }
    }

    /** A variable given as text that the guard compares or computes with as a number, if any. */
    private static java.util.Optional<String> textAsNumber(Expr e, Map<String, Object> variables) {
        if (e instanceof Expr.Unary u) {
            return u.op() == Expr.UnaryOp.NEGATE ? textVariable(u.operand(), variables)
                    .or(() -> textAsNumber(u.operand(), variables)) : textAsNumber(u.operand(), variables);
        }
        if (!(e instanceof Expr.Binary b)) {
            return java.util.Optional.empty();
        }
        boolean numeric = switch (b.op()) {
            case LT, LE, GT, GE, SUB, MUL, DIV, MOD -> true;
            case ADD, EQ, NE -> b.left() instanceof Expr.IntLiteral || b.left() instanceof Expr.DecimalLiteral
                    || b.right() instanceof Expr.IntLiteral || b.right() instanceof Expr.DecimalLiteral;
            default -> false;
        };
        boolean textOther = b.left() instanceof Expr.StringLiteral || b.right() instanceof Expr.StringLiteral;
        if (numeric && !textOther) {
            java.util.Optional<String> found = textVariable(b.left(), variables)
                    .or(() -> textVariable(b.right(), variables));
            if (found.isPresent()) {
                return found;
            }
        }
        return textAsNumber(b.left(), variables).or(() -> textAsNumber(b.right(), variables));
    }

    private static java.util.Optional<String> textVariable(Expr e, Map<String, Object> variables) {
        return e instanceof Expr.Variable v && variables.get(v.name()) instanceof String
                ? java.util.Optional.of(v.name()) : java.util.Optional.empty();
    }

    private static Object value(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException notNumber) {
                return v;
            }
        }
    }
}
