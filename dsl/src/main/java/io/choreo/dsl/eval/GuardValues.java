package io.choreo.dsl.eval;

import io.choreo.dsl.ast.Expr;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The handler's values behind variables, member access ({@code order.total}: a map key, a record component or a
 * public getter) and zero-argument calls ({@code len()}, {@code size()}, {@code is_empty()} on strings,
 * collections, maps and arrays).
 */
final class GuardValues {
    private GuardValues() {
    }

    /** The raw value of a variable, member or call, before it is normalised for operators. */
    static Object raw(Expr e, Map<String, ?> variables) {
        if (e instanceof Expr.Variable v) {
            if (!variables.containsKey(v.name())) {
                throw new GuardException("guard variable '" + v.name() + "' was not supplied; supplied: "
                        + variables.keySet(), v.span(), GuardException.Kind.MISSING_VARIABLE);
            }
            return variables.get(v.name());
        } else if (e instanceof Expr.Member m) {
            String dotted = dottedName(m);
            if (dotted != null && variables.containsKey(dotted)) {
                return variables.get(dotted);
            }
            return member(raw(m.target(), variables), m);
        } else if (e instanceof Expr.Call c) {
            return call(raw(c.target(), variables), c);
        }
        return GuardEvaluator.evaluate(e, variables);
    }

    /** {@code a.b.c} for a chain of members over a variable, else null. */
    static String dottedName(Expr e) {
        if (e instanceof Expr.Variable v) {
            return v.name();
        } else if (e instanceof Expr.Member m) {
            String target = dottedName(m.target());
            return target == null ? null : target + "." + m.name();
        }
        return null;
    }

    private static Object member(Object target, Expr.Member m) {
        if (target == null) {
            throw new GuardException("cannot read '" + m.name() + "' of null", m.span(),
                    GuardException.Kind.TYPE_MISMATCH);
        }
        if (target instanceof Map<?, ?> map) {
            if (!map.containsKey(m.name())) {
                throw new GuardException("the map has no key '" + m.name() + "'; keys: " + map.keySet(), m.span(),
                        GuardException.Kind.MISSING_VARIABLE);
            }
            return map.get(m.name());
        }
        Class<?> type = target.getClass();
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                if (rc.getName().equals(m.name()) || rc.getName().equals(camel(m.name()))) {
                    return invoke(rc.getAccessor(), target, m);
                }
            }
        }
        String camel = camel(m.name());
        String capital = camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
        for (String name : new String[] {"get" + capital, "is" + capital, camel}) {
            try {
                Method method = type.getMethod(name);
                if (Modifier.isPublic(method.getModifiers()) && method.getReturnType() != void.class) {
                    return invoke(method, target, m);
                }
            } catch (NoSuchMethodException next) {
                // try the next accessor form
            }
        }
        throw new GuardException(type.getSimpleName() + " has no member '" + m.name() + "'", m.span());
    }

    private static Object invoke(Method method, Object target, Expr.Member m) {
        try {
            method.setAccessible(true);
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new GuardException("reading '" + m.name() + "' failed: " + e, m.span());
        }
    }

    private static Object call(Object target, Expr.Call c) {
        String method = c.method().toLowerCase(Locale.ROOT);
        boolean empty = method.equals("is_empty") || method.equals("isempty");
        if (!empty && !method.equals("len") && !method.equals("size") && !method.equals("length")) {
            throw new GuardException("unknown method '" + c.method() + "()'; guards support len(), size() and "
                    + "is_empty()", c.span());
        }
        long size;
        if (target instanceof CharSequence s) {
            size = s.length();
        } else if (target instanceof Collection<?> col) {
            size = col.size();
        } else if (target instanceof Map<?, ?> map) {
            size = map.size();
        } else if (target != null && target.getClass().isArray()) {
            size = Array.getLength(target);
        } else {
            throw new GuardException(c.method() + "() needs a string, collection, map or array, found "
                    + (target == null ? "null" : target.getClass().getSimpleName()), c.span(),
                    GuardException.Kind.TYPE_MISMATCH);
        }
        return empty ? (Object) (size == 0) : (Object) size;
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return b.toString();
    }
}
