package io.choreo.projection.validate;

import io.choreo.dsl.ast.RoleDecl;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.GlobalProtocol;
import io.choreo.projection.global.Traversal;
import java.util.BitSet;
import java.util.Set;

/**
 * A declared role that takes part in no interaction is an error (it could never finish a session it is bound to);
 * an unused instance of a fixed-size array is a warning.
 */
final class UnusedRoleCheck implements ValidationPass {
    @Override
    public void check(GlobalProtocol protocol, DiagnosticSink sink) {
        Set<String> used = Traversal.roles(protocol.body());
        for (RoleDecl role : protocol.roles()) {
            if (!used.contains(role.name())) {
                sink.report(Diagnostic.error("E213", "role '" + role.name() + "' takes part in no interaction",
                        role.span(), "remove it from roles:, or give it something to do"));
            } else if (role.multiplicity() instanceof RoleDecl.Multiplicity.Fixed fixed) {
                BitSet touched = new BitSet(fixed.count());
                for (var c : Traversal.messages(protocol.body())) {
                    mark(c.from(), role.name(), fixed.count(), touched);
                    mark(c.to(), role.name(), fixed.count(), touched);
                }
                for (int i = 0; i < fixed.count(); i++) {
                    if (!touched.get(i)) {
                        sink.report(Diagnostic.warning("W202", "instance " + role.name() + "[" + i
                                + "] takes part in no interaction", role.span(),
                                "declare " + role.name() + "[" + touched.length() + "] if only the first "
                                        + touched.length() + " instances are used"));
                    }
                }
            }
        }
    }

    private static void mark(RoleRef ref, String role, int count, BitSet touched) {
        if (!ref.role().equals(role)) {
            return;
        }
        RoleRef.Index index = ref.index();
        if (index instanceof RoleRef.Index.At at) {
            touched.set(at.index());
        } else if (index instanceof RoleRef.Index.Range range) {
            int from = range.from() instanceof io.choreo.dsl.ast.Bound.Literal l ? l.value() : 0;
            int to = range.to() instanceof io.choreo.dsl.ast.Bound.Literal l ? l.value() : count;
            touched.set(Math.max(0, from), Math.min(count, to));
        } else {
            touched.set(0, count);
        }
    }
}
