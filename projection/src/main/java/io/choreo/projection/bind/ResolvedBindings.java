package io.choreo.projection.bind;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.projection.global.Global;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import io.choreo.projection.local.IndexCondition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bindings checked against a protocol: every array has a count, every symbol a value, every index and range fits.
 *
 * @param counts instance count of every array role
 * @param symbols value of every symbol, including array-size symbols such as {@code N}
 */
public record ResolvedBindings(Map<String, Integer> counts, Map<String, Integer> symbols, Bindings bindings) {

    /** Checks {@code bindings} against {@code protocol}, reporting every problem at once. */
    public static ResolvedBindings resolve(GlobalProtocol protocol, Bindings bindings) {
        return resolve(protocol, bindings, Integer.MAX_VALUE);
    }

    /** As {@link #resolve(GlobalProtocol, Bindings)}, with fixed-size arrays capped at {@code fixedLimit}. */
    private static ResolvedBindings resolve(GlobalProtocol protocol, Bindings bindings, int fixedLimit) {
        List<String> problems = new ArrayList<>(BindingNames.of(protocol).problems(bindings));
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> symbols = new LinkedHashMap<>(bindings.symbols());
        for (RoleDecl role : protocol.roles()) {
            RoleDecl.Multiplicity m = role.multiplicity();
            Integer bound = bindings.roleCounts().get(role.name());
            if (m instanceof RoleDecl.Multiplicity.Fixed f) {
                int declared = Math.min(f.count(), fixedLimit);
                if (bound != null && bound != declared) {
                    problems.add(role.name() + " is declared with " + f.count() + " instances but bound to " + bound);
                }
                counts.put(role.name(), declared);
            } else if (m instanceof RoleDecl.Multiplicity.Symbolic s) {
                Integer viaSymbol = symbols.get(s.symbol());
                if (bound != null && viaSymbol != null && !bound.equals(viaSymbol)) {
                    problems.add(role.name() + "[" + s.symbol() + "] is bound to " + bound + " but " + s.symbol()
                            + " = " + viaSymbol);
                }
                Integer count = bound != null ? bound : viaSymbol;
                if (count == null) {
                    problems.add("the size of " + role.name() + "[" + s.symbol() + "] is not bound: bindRoleCount(\""
                            + role.name() + "\", n)");
                } else {
                    counts.put(role.name(), count);
                    symbols.put(s.symbol(), count);
                }
            } else if (m instanceof RoleDecl.Multiplicity.Wildcard) {
                if (bound == null) {
                    problems.add("the size of " + role.name() + "[*] is not bound: bindRoleCount(\"" + role.name()
                            + "\", n)");
                } else {
                    counts.put(role.name(), bound);
                }
            }
        }
        counts.forEach((role, count) -> {
            if (count > MAX_INSTANCES) {
                problems.add(role + " is bound to " + count + " instances, more than the limit of " + MAX_INSTANCES
                        + " (system property choreo.max-instances)");
            }
            if (count < 1) {
                problems.add(role + " must have at least one instance, bound to " + count);
            }
            List<String> names = bindings.instanceNames().get(role);
            if (names != null && names.stream().distinct().count() != names.size()) {
                problems.add("instance names of " + role + " repeat: " + names);
            }
        });
        if (problems.isEmpty()) {
            checkReferences(protocol, counts, symbols, problems);
        }
        if (!problems.isEmpty()) {
            throw new BindingException(protocol.name(), problems);
        }
        return new ResolvedBindings(Map.copyOf(counts), Map.copyOf(symbols), bindings);
    }

    private static void checkReferences(GlobalProtocol protocol, Map<String, Integer> counts,
                                        Map<String, Integer> symbols, List<String> problems) {
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Comm c) {
                checkRef(c.from(), c, counts, symbols, problems);
                checkRef(c.to(), c, counts, symbols, problems);
            } else if (g instanceof Global.Repeat r) {
                Integer n = value(r.count(), symbols, problems, "loop at line " + r.span().line());
                if (n != null && n < 1) {
                    problems.add("loop at line " + r.span().line() + " must run at least once, count " + r.count()
                            + " = " + n);
                }
            }
        });
    }

    private static void checkRef(RoleRef ref, Global.Comm c, Map<String, Integer> counts,
                                 Map<String, Integer> symbols, List<String> problems) {
        Integer count = counts.get(ref.role());
        if (count == null) {
            return;
        }
        String where = " (line " + c.span().line() + ", " + c.label() + ")";
        if (ref.index() instanceof RoleRef.Index.At at && at.index() >= count) {
            problems.add("index " + ref + " is out of range for " + count + " instances" + where);
        } else if (ref.index() instanceof RoleRef.Index.Range range) {
            Integer from = value(range.from(), symbols, problems, ref + where);
            Integer to = value(range.to(), symbols, problems, ref + where);
            if (from != null && to != null && (from < 0 || from >= to || to > count)) {
                problems.add("range " + ref + " = [" + from + ".." + to + ") does not fit " + count + " instances"
                        + where);
            }
        }
    }

    private static Integer value(Bound b, Map<String, Integer> symbols, List<String> problems, String where) {
        if (b instanceof Bound.Literal l) {
            return l.value();
        }
        String name = ((Bound.Symbol) b).name();
        Integer v = symbols.get(name);
        if (v == null && problems.stream().noneMatch(p -> p.startsWith("symbol '" + name + "'"))) {
            problems.add("symbol '" + name + "' is not bound (used by " + where + "): bindSymbol(\"" + name
                    + "\", n)");
        }
        return v;
    }

    /** The instance count of an array role. */
    public int count(String role) {
        Integer c = counts.get(role);
        if (c == null) {
            throw new IllegalArgumentException(role + " is not a role array");
        }
        return c;
    }

    public int resolve(Bound bound) {
        return IndexCondition.resolve(bound, symbols);
    }

    /** Most instances of one array a session may bind; larger bindings are refused, never allocated. */
    public static final int MAX_INSTANCES = Integer.getInteger("choreo.max-instances", 100_000);

    /** Largest array size the checker explores: bigger arrays are checked at this size (or what indices need). */
    public static final int CHECK_ARRAY_LIMIT = 4;

    /** Largest literal index a checked protocol may use. */
    public static final int MAX_CHECKED_INDEX = 64;

    /**
     * Bindings for checking a protocol without a session: arrays of unbound size get {@code defaultCount}
     * instances, and unbound symbols {@code defaultSymbol} (capped at the smallest array). Arrays larger than
     * {@link #CHECK_ARRAY_LIMIT} (declared or bound) are checked at that size, or at the smallest size their literal
     * indices and ranges need; symbols are capped at the checked size of the largest array.
     */
    public static ResolvedBindings forChecking(GlobalProtocol protocol, Bindings given, int defaultCount,
                                               int defaultSymbol) {
        int needed = literalIndexBound(protocol);
        if (needed > MAX_CHECKED_INDEX) {
            throw new BindingException(protocol.name(), List.of("an instance index or range reaches " + (needed - 1)
                    + "; the checker explores arrays of at most " + MAX_CHECKED_INDEX + " instances"));
        }
        int limit = Math.max(CHECK_ARRAY_LIMIT, needed);
        Bindings b = new Bindings(Map.of(), given.instanceNames(), Map.of());
        for (var e : given.roleCounts().entrySet()) {
            b = b.bindRoleCount(e.getKey(), Math.min(e.getValue(), limit));
        }
        for (var e : given.symbols().entrySet()) {
            b = b.bindSymbol(e.getKey(), Math.min(e.getValue(), limit));
        }
        for (RoleDecl role : protocol.roles()) {
            if (role.multiplicity() instanceof RoleDecl.Multiplicity.Fixed f && f.count() > limit) {
                b = b.bindRoleCount(role.name(), limit);
            }
        }
        b = new Bindings(b.roleCounts(), Map.of(), b.symbols());
        return resolve(protocol, fillDefaults(protocol, b, defaultCount, defaultSymbol, limit), limit);
    }

    /**
     * Bindings for running or showing a protocol without all sizes given: arrays of unbound size get
     * {@code defaultCount} instances, unbound symbols {@code defaultSymbol} (capped at the smallest array); sizes
     * given are kept as they are (and refused above {@link #MAX_INSTANCES}), instance names too.
     */
    public static ResolvedBindings withDefaults(GlobalProtocol protocol, Bindings given, int defaultCount,
                                                int defaultSymbol) {
        return resolve(protocol, fillDefaults(protocol, given, defaultCount, defaultSymbol, Integer.MAX_VALUE));
    }

    private static Bindings fillDefaults(GlobalProtocol protocol, Bindings given, int defaultCount, int defaultSymbol,
                                         int limit) {
        Bindings b = given;
        int smallest = defaultCount;
        for (RoleDecl role : protocol.roles()) {
            if (role.multiplicity() instanceof RoleDecl.Multiplicity.Fixed f) {
                smallest = Math.min(smallest, Math.min(f.count(), limit));
            }
            if (role.isArray() && !(role.multiplicity() instanceof RoleDecl.Multiplicity.Fixed)
                    && !b.roleCounts().containsKey(role.name())
                    && !(role.multiplicity() instanceof RoleDecl.Multiplicity.Symbolic s
                    && b.symbols().containsKey(s.symbol()))) {
                b = b.bindRoleCount(role.name(), defaultCount);
            }
        }
        for (String symbol : symbolsOf(protocol)) {
            boolean isSize = protocol.roles().stream().anyMatch(r -> r.multiplicity()
                    instanceof RoleDecl.Multiplicity.Symbolic s && s.symbol().equals(symbol));
            if (!isSize && !b.symbols().containsKey(symbol)) {
                b = b.bindSymbol(symbol, Math.min(defaultSymbol, smallest));
            }
        }
        return b;
    }

    /** One more than the largest literal instance index or range end the protocol mentions (0 if none). */
    private static int literalIndexBound(GlobalProtocol protocol) {
        int[] max = {0};
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Comm c) {
                for (RoleRef ref : List.of(c.from(), c.to())) {
                    if (ref.index() instanceof RoleRef.Index.At at) {
                        max[0] = Math.max(max[0], at.index() + 1);
                    } else if (ref.index() instanceof RoleRef.Index.Range r && r.to() instanceof Bound.Literal l) {
                        max[0] = Math.max(max[0], l.value());
                    }
                }
            }
        });
        return max[0];
    }

    /** Symbols a protocol uses in ranges and loop counts. */
    static List<String> symbolsOf(GlobalProtocol protocol) {
        List<String> out = new ArrayList<>();
        Traversal.forEach(protocol.body(), g -> {
            if (g instanceof Global.Comm c) {
                for (RoleRef ref : List.of(c.from(), c.to())) {
                    if (ref.index() instanceof RoleRef.Index.Range range) {
                        addSymbol(range.from(), out);
                        addSymbol(range.to(), out);
                    }
                }
            } else if (g instanceof Global.Repeat r) {
                addSymbol(r.count(), out);
            }
        });
        return out.stream().distinct().toList();
    }

    private static void addSymbol(Bound b, List<String> out) {
        if (b instanceof Bound.Symbol s) {
            out.add(s.name());
        }
    }
}
