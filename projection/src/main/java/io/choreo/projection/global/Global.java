package io.choreo.projection.global;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.Deadline;
import io.choreo.dsl.ast.Expr;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * The core global protocol that projection works on: the DSL after desugaring. Broadcasts to every other role are
 * expanded, sub-protocol calls inlined, and {@code loop (decides: R)} turned into {@link Rec} + {@link Choice} with
 * implicit control messages (marked {@link Comm#implicit()}).
 */
public sealed interface Global {

    Span span();

    /** One message from a role (instance) to a role (instance). */
    record Comm(RoleRef from, RoleRef to, MessageType message, Annotations annotations, Span span, boolean implicit)
            implements Global {
        public String label() {
            return message.label();
        }
    }

    /**
     * {@code role} picks one of the branches: a plain role, or one instance of an array ({@code W[2]}). With a
     * {@code deadline} the choice is timed: the role waits for the first message of a branch and takes the
     * {@link Deadline#TIMEOUT_BRANCH timeout} branch when its clock passes the deadline first.
     */
    record Choice(String role, List<Branch> branches, Span span, Optional<Deadline> deadline) implements Global {
        public Choice {
            branches = List.copyOf(branches);
        }

        public Choice(String role, List<Branch> branches, Span span) {
            this(role, branches, span, Optional.empty());
        }

        /** True for {@code choice R within … { … timeout: { … } }}. */
        public boolean timed() {
            return deadline.isPresent();
        }

        /** The deciding participant as a reference: {@code Client}, or {@code W[2]} for an array instance. */
        public RoleRef decider() {
            return RoleRef.decider(role, span);
        }

        /** The role that decides (the array's name when one instance decides). */
        public String deciderRole() {
            return decider().role();
        }
    }

    record Branch(String label, Optional<Expr> guard, List<Global> body, Span span) {
        public Branch {
            body = List.copyOf(body);
        }
    }

    /** A fixed number of iterations, known to every role (literal, or a symbol bound at session start). */
    record Repeat(Bound count, List<Global> body, Span span) implements Global {
        public Repeat {
            body = List.copyOf(body);
        }
    }

    record Rec(String label, List<Global> body, Span span) implements Global {
        public Rec {
            body = List.copyOf(body);
        }
    }

    record Continue(String label, Span span) implements Global {
    }

    record Par(List<List<Global>> branches, Span span) implements Global {
        public Par {
            branches = branches.stream().map(List::copyOf).toList();
        }
    }
}
