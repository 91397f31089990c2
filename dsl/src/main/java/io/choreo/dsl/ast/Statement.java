package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;
import java.util.List;
import java.util.Optional;

/** A statement of a global protocol body. */
public sealed interface Statement {

    Span span();

    /** {@code A[annotations] -> B: Message;} or {@code A ->* : Message;}. */
    record Interaction(RoleRef from, Destination to, MessageType message, Annotations annotations, Span span)
            implements Statement {
    }

    /**
     * {@code choice R { label: { … } other when (guard): { … } }}, or a timed choice
     * {@code choice R within 5s { vote: { … } timeout: { … } }} whose {@link Deadline#TIMEOUT_BRANCH timeout} branch R
     * takes when the deadline passes before an awaited message arrives.
     */
    record Choice(String role, Span roleSpan, List<Branch> branches, Span span, Optional<Deadline> deadline)
            implements Statement {
        public Choice {
            branches = List.copyOf(branches);
        }

        public Choice(String role, Span roleSpan, List<Branch> branches, Span span) {
            this(role, roleSpan, branches, span, Optional.empty());
        }
    }

    /** One branch of a choice, with an optional guard evaluated by the deciding role. */
    record Branch(String label, Optional<Expr> guard, List<Statement> body, Span span) {
        public Branch {
            body = List.copyOf(body);
        }
    }

    /** {@code loop (count: 5) { … }}, {@code loop (count: N) { … }} or {@code loop (decides: R) { … }}. */
    record Loop(LoopKind kind, List<Statement> body, Span span) implements Statement {
        public Loop {
            body = List.copyOf(body);
        }
    }

    /** How a loop terminates. */
    sealed interface LoopKind {
        /** A fixed number of iterations, literal or bound at session start. */
        record Count(Bound count) implements LoopKind {
        }

        /** The role decides before each iteration whether to go on. */
        record Decides(String role, Span roleSpan) implements LoopKind {
        }
    }

    /** {@code parallel { … } and { … }}: branches that interleave freely. */
    record Parallel(List<List<Statement>> branches, Span span) implements Statement {
        public Parallel {
            branches = branches.stream().map(List::copyOf).toList();
        }
    }

    /** {@code rec L { … }}: a recursion point named {@code L}. */
    record Rec(String label, List<Statement> body, Span span) implements Statement {
        public Rec {
            body = List.copyOf(body);
        }
    }

    /** {@code continue L;}: jump back to the enclosing {@code rec L}. */
    record Continue(String label, Span span) implements Statement {
    }

    /** {@code call P;}: run sub-protocol {@code P} here. */
    record Call(String protocol, Span span) implements Statement {
    }
}
