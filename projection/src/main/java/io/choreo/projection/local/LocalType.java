package io.choreo.projection.local;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Deadline;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.source.Span;
import java.util.List;

/**
 * A local type: what one role does, in continuation-passing form. Printed in the canonical notation of DESIGN.md by
 * {@link LocalTypePrinter}. Array roles get one parametric type whose {@link Guarded} parts apply only to the
 * instances their condition selects; {@link Instantiation} resolves them once counts are bound.
 */
public sealed interface LocalType {

    /** The protocol is over for this role. */
    record End() implements LocalType {
    }

    /** {@code peer!Label; cont}. */
    record Send(RoleRef peer, MessageType message, Annotations annotations, Span origin, boolean implicit,
                LocalType cont) implements LocalType {
        public String label() {
            return message.label();
        }
    }

    /** {@code peer?Label; cont}. */
    record Recv(RoleRef peer, MessageType message, Annotations annotations, Span origin, boolean implicit,
                LocalType cont) implements LocalType {
        public String label() {
            return message.label();
        }
    }

    /**
     * Internal choice {@code +{l1: T1 | l2: T2}}: this role picks the branch (and may evaluate its guard). With a
     * {@code deadline} it is a timed choice, printed {@code peer&{l1: T1 | timeout(5s): T2}}: the role waits for the
     * first message of a branch, and takes the {@link Deadline#TIMEOUT_BRANCH timeout} branch when its clock passes
     * the deadline first (the timeout is one more local event of the role).
     */
    record Select(List<Branch> branches, Span origin, java.util.Optional<Deadline> deadline) implements LocalType {
        public Select {
            branches = List.copyOf(branches);
        }

        public Select(List<Branch> branches, Span origin) {
            this(branches, origin, java.util.Optional.empty());
        }

        /** The same choice (origin and deadline) over other branches. */
        public Select withBranches(List<Branch> others) {
            return new Select(others, origin, deadline);
        }

        public boolean timed() {
            return deadline.isPresent();
        }
    }

    /** External choice {@code peer&{l1: T1 | l2: T2}}: the first message from {@code peer} tells the branch. */
    record Offer(RoleRef peer, List<Branch> branches, Span origin) implements LocalType {
        public Offer {
            branches = List.copyOf(branches);
        }
    }

    /** A branch of a choice: its label, guard (for {@link Select}) and the type that follows. */
    record Branch(String label, java.util.Optional<io.choreo.dsl.ast.Expr> guard, LocalType type) {
    }

    /** {@code rec X.body}. */
    record Rec(String variable, LocalType body) implements LocalType {
    }

    /** {@code X}: back to the enclosing {@code rec X}. */
    record Var(String variable) implements LocalType {
    }

    /** {@code (body)^count; cont}: a loop with a count every role knows. */
    record Repeat(Bound count, LocalType body, LocalType cont) implements LocalType {
    }

    /** {@code (T1 || T2); cont}: branches that interleave, then the continuation. */
    record Par(List<LocalType> branches, LocalType cont) implements LocalType {
        public Par {
            branches = List.copyOf(branches);
        }
    }

    /** {@code [cond] body; cont}: only instances of an array role that satisfy {@code condition} run {@code body}. */
    record Guarded(IndexCondition condition, LocalType body, LocalType cont) implements LocalType {
    }

    static LocalType end() {
        return new End();
    }
}
