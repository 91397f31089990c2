package io.choreo.projection.validate;

import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A declared role that takes part in no interaction is an error (it could never finish a session it is bound to);
 * unused instances of a fixed-size array are a warning. Instances are tracked as ranges, never one by one, so the
 * work and the number of warnings depend on the protocol's text, not on the array's size: at most
 * {@value #MAX_WARNINGS} warnings per array, then one summary.
 */
final class UnusedRoleCheck implements ValidationPass {
    static final int MAX_WARNINGS = 3;

    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        Set<String> used = Traversal.roles(protocol.body());
        for (RoleDecl role : protocol.roles()) {
            if (!used.contains(role.name())) {
                sink.report(Diagnostic.error("E213", "role '" + role.name() + "' takes part in no interaction",
                        role.span(), "remove it from roles:, or give it something to do"));
            } else if (role.multiplicity() instanceof RoleDecl.Multiplicity.Fixed fixed) {
                Ranges touched = new Ranges();
                for (var c : Traversal.messages(protocol.body())) {
                    mark(c.from(), role.name(), fixed.count(), touched);
                    mark(c.to(), role.name(), fixed.count(), touched);
                }
                warnUnused(role, fixed.count(), touched, sink);
            }
        }
    }

    private static void warnUnused(RoleDecl role, int count, Ranges touched, DiagnosticSink sink) {
        String name = role.name();
        long end = touched.end();
        String hint = "declare " + name + "[" + end + "] if only the first " + end + " instances are used";
        Map<Long, Long> gaps = touched.gaps(count);
        long unused = gaps.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum();
        if (gaps.size() > MAX_WARNINGS) {
            sink.report(Diagnostic.warning("W202", unused + " instances of " + name + " (in " + gaps.size()
                    + " ranges, the first " + name + "[" + gaps.keySet().iterator().next() + "]) take part in "
                    + "no interaction", role.span(), hint));
            return;
        }
        for (Map.Entry<Long, Long> gap : gaps.entrySet()) {
            long from = gap.getKey();
            long to = gap.getValue();
            String what = to - from == 1 ? "instance " + name + "[" + from + "] takes part"
                    : (to - from) + " instances of " + name + " (" + name + "[" + from + "] to " + name + "["
                    + (to - 1) + "]) take part";
            sink.report(Diagnostic.warning("W202", what + " in no interaction", role.span(), hint));
        }
    }

    private static void mark(RoleRef ref, String role, int count, Ranges touched) {
        if (!ref.role().equals(role)) {
            return;
        }
        RoleRef.Index index = ref.index();
        if (index instanceof RoleRef.Index.At at) {
            touched.add(at.index(), (long) at.index() + 1, count);
        } else if (index instanceof RoleRef.Index.Range range) {
            long from = range.from() instanceof Bound.Literal l ? l.value() : 0;
            long to = range.to() instanceof Bound.Literal l ? l.value() : count;
            touched.add(from, to, count);
        } else {
            touched.add(0, count, count);
        }
    }

    /** Disjoint half-open ranges of instance indexes, kept merged. */
    private static final class Ranges {
        private final TreeMap<Long, Long> byStart = new TreeMap<>();

        void add(long from, long to, long count) {
            long lo = Math.max(0, from);
            long hi = Math.min(count, to);
            if (lo >= hi) {
                return;
            }
            Map.Entry<Long, Long> before = byStart.floorEntry(lo);
            if (before != null && before.getValue() >= lo) {
                lo = before.getKey();
                hi = Math.max(hi, before.getValue());
            }
            for (Map.Entry<Long, Long> e = byStart.ceilingEntry(lo); e != null && e.getKey() <= hi;
                 e = byStart.ceilingEntry(lo)) {
                hi = Math.max(hi, e.getValue());
                byStart.remove(e.getKey());
            }
            byStart.put(lo, hi);
        }

        /** One past the last index used. */
        long end() {
            return byStart.isEmpty() ? 0 : byStart.lastEntry().getValue();
        }

        /** The ranges of {@code [0, count)} not covered, by start. */
        Map<Long, Long> gaps(long count) {
            TreeMap<Long, Long> out = new TreeMap<>();
            long at = 0;
            for (Map.Entry<Long, Long> e : byStart.entrySet()) {
                if (e.getKey() > at) {
                    out.put(at, e.getKey());
                }
                at = e.getValue();
            }
            if (at < count) {
                out.put(at, count);
            }
            return out;
        }
    }
}
