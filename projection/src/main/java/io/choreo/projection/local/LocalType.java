package io.choreo.projection.local;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Deadline;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A local type: what one role does, in continuation-passing form. Printed in the canonical notation of DESIGN.md by
 * {@link LocalTypePrinter}. Array roles get one parametric type whose {@link Guarded} parts apply only to the
 * instances their condition selects; {@link Instantiation} resolves them once counts are bound.
 *
 * <p>Local types nest as deep as a protocol is long, so they are value types with the record API (canonical
 * constructor, component accessors, equality by value) whose hash is computed once at construction, whose equality
 * is decided by an iterative walk ({@link LocalTypeEquality}) and whose {@code toString} is bounded: hashing,
 * comparing or printing one never recurses along its length.
 */
public sealed interface LocalType {

    /** The protocol is over for this role. */
    record End() implements LocalType {
    }

    /** {@code peer!Label; cont}. */
    final class Send extends Message {
        public Send(RoleRef peer, MessageType message, Annotations annotations, Span origin, boolean implicit,
                    LocalType cont) {
            super(1, peer, message, annotations, origin, implicit, cont);
        }
    }

    /** {@code peer?Label; cont}. */
    final class Recv extends Message {
        public Recv(RoleRef peer, MessageType message, Annotations annotations, Span origin, boolean implicit,
                    LocalType cont) {
            super(2, peer, message, annotations, origin, implicit, cont);
        }
    }

    /** What a send and a receive share: the peer, the message and where it comes from, and the continuation. */
    abstract sealed class Message extends Node permits Send, Recv {
        private final RoleRef peer;
        private final MessageType message;
        private final Annotations annotations;
        private final Span origin;
        private final boolean implicit;
        private final LocalType cont;

        Message(int kind, RoleRef peer, MessageType message, Annotations annotations, Span origin, boolean implicit,
                LocalType cont) {
            super(Objects.hash(kind, peer, message, annotations, origin, implicit, cont));
            this.peer = peer;
            this.message = message;
            this.annotations = annotations;
            this.origin = origin;
            this.implicit = implicit;
            this.cont = cont;
        }

        public RoleRef peer() {
            return peer;
        }

        public MessageType message() {
            return message;
        }

        public Annotations annotations() {
            return annotations;
        }

        public Span origin() {
            return origin;
        }

        public boolean implicit() {
            return implicit;
        }

        public LocalType cont() {
            return cont;
        }

        public String label() {
            return message.label();
        }
    }

    /**
     * Internal choice {@code peer+{l1: T1 | l2: T2}}: this role picks the branch (and may evaluate its guard). With a
     * {@code deadline} it is a timed choice, printed {@code peer&{l1: T1 | timeout(5s): T2}}: the role waits for the
     * first message of a branch, and takes the {@link Deadline#TIMEOUT_BRANCH timeout} branch when its clock passes
     * the deadline first (the timeout is one more local event of the role).
     */
    final class Select extends Node {
        private final List<Branch> branches;
        private final Span origin;
        private final java.util.Optional<Deadline> deadline;

        public Select(List<Branch> branches, Span origin, java.util.Optional<Deadline> deadline) {
            this(List.copyOf(branches), origin, deadline, 0);
        }

        public Select(List<Branch> branches, Span origin) {
            this(branches, origin, java.util.Optional.empty());
        }

        private Select(List<Branch> branches, Span origin, java.util.Optional<Deadline> deadline, int unused) {
            super(Objects.hash(3, branches, origin, deadline));
            this.branches = branches;
            this.origin = origin;
            this.deadline = deadline;
        }

        public List<Branch> branches() {
            return branches;
        }

        public Span origin() {
            return origin;
        }

        public java.util.Optional<Deadline> deadline() {
            return deadline;
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
    final class Offer extends Node {
        private final RoleRef peer;
        private final List<Branch> branches;
        private final Span origin;

        public Offer(RoleRef peer, List<Branch> branches, Span origin) {
            this(peer, List.copyOf(branches), origin, 0);
        }

        private Offer(RoleRef peer, List<Branch> branches, Span origin, int unused) {
            super(Objects.hash(4, peer, branches, origin));
            this.peer = peer;
            this.branches = branches;
            this.origin = origin;
        }

        public RoleRef peer() {
            return peer;
        }

        public List<Branch> branches() {
            return branches;
        }

        public Span origin() {
            return origin;
        }
    }

    /**
     * A branch of a choice: its label, guard (for {@link Select}) and the type that follows. Its hash uses the
     * type's cached hash; its equality compares the type iteratively.
     */
    record Branch(String label, java.util.Optional<io.choreo.dsl.ast.Expr> guard, LocalType type) {
    }

    /** {@code rec X.body}. */
    final class Rec extends Node {
        private final String variable;
        private final LocalType body;

        public Rec(String variable, LocalType body) {
            super(Objects.hash(5, variable, body));
            this.variable = variable;
            this.body = body;
        }

        public String variable() {
            return variable;
        }

        public LocalType body() {
            return body;
        }
    }

    /** {@code X}: back to the enclosing {@code rec X}. */
    record Var(String variable) implements LocalType {
    }

    /** {@code (body)^count; cont}: a loop with a count every role knows. */
    final class Repeat extends Node {
        private final Bound count;
        private final LocalType body;
        private final LocalType cont;

        public Repeat(Bound count, LocalType body, LocalType cont) {
            super(Objects.hash(6, count, body, cont));
            this.count = count;
            this.body = body;
            this.cont = cont;
        }

        public Bound count() {
            return count;
        }

        public LocalType body() {
            return body;
        }

        public LocalType cont() {
            return cont;
        }
    }

    /** {@code (T1 || T2); cont}: branches that interleave, then the continuation. */
    final class Par extends Node {
        private final List<LocalType> branches;
        private final LocalType cont;

        public Par(List<LocalType> branches, LocalType cont) {
            this(List.copyOf(branches), cont, 0);
        }

        private Par(List<LocalType> branches, LocalType cont, int unused) {
            super(Objects.hash(7, branches, cont));
            this.branches = branches;
            this.cont = cont;
        }

        public List<LocalType> branches() {
            return branches;
        }

        public LocalType cont() {
            return cont;
        }
    }

    /** {@code [cond] body; cont}: only instances of an array role that satisfy {@code condition} run {@code body}. */
    final class Guarded extends Node {
        private final IndexCondition condition;
        private final LocalType body;
        private final LocalType cont;

        public Guarded(IndexCondition condition, LocalType body, LocalType cont) {
            super(Objects.hash(8, condition, body, cont));
            this.condition = condition;
            this.body = body;
            this.cont = cont;
        }

        public IndexCondition condition() {
            return condition;
        }

        public LocalType body() {
            return body;
        }

        public LocalType cont() {
            return cont;
        }
    }

    /**
     * What the composite local types share: the hash, computed once from the components (whose hashes are cached
     * in turn), value equality by {@link LocalTypeEquality}, and a bounded {@code toString}.
     */
    abstract sealed class Node implements LocalType permits Message, Select, Offer, Rec, Repeat, Par, Guarded {
        private final int hash;

        Node(int hash) {
            this.hash = hash;
        }

        @Override
        public final int hashCode() {
            return hash;
        }

        @Override
        public final boolean equals(Object o) {
            return o instanceof LocalType other && LocalTypeEquality.equal(this, other);
        }

        /** The canonical notation, cut after a few hundred characters. */
        @Override
        public final String toString() {
            return LocalTypePrinter.brief(this);
        }
    }

    static LocalType end() {
        return new End();
    }
}
