package io.choreo.runtime.program;

import io.choreo.dsl.ast.Annotations;
import io.choreo.dsl.ast.Bound;
import io.choreo.dsl.ast.MessageType;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.dsl.source.Span;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypePrinter;
import io.choreo.projection.local.LocalTypes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A participant's behaviour written directly in Java rather than projected from a choreography: an immutable
 * local type built step by step. Each method returns a new program with the step appended; after a choice or an
 * offer, further steps are appended to every branch.
 *
 * <pre>{@code
 * Program buyer = Program.start().send("Seller", "Offer")
 *         .offer("Seller", Map.of("accept", Program.start().recv("Seller", "Accept"),
 *                                 "reject", Program.start().recv("Seller", "Reject")));
 * }</pre>
 */
public record Program(LocalType type) {

    /** The empty program: {@code end}. */
    public static Program start() {
        return new Program(LocalType.end());
    }

    public Program send(String peer, String label) {
        return send(peer, label, Annotations.none());
    }

    /** A send with extension annotations (capability guard, flow cost, journal facts). */
    public Program send(String peer, String label, Annotations annotations) {
        return then(new LocalType.Send(ref(peer), MessageType.of(label), annotations, Span.NONE, false,
                LocalType.end()));
    }

    public Program recv(String peer, String label) {
        return then(new LocalType.Recv(ref(peer), MessageType.of(label), Annotations.none(), Span.NONE, false,
                LocalType.end()));
    }

    /** An internal choice: this participant picks a branch (its handler's {@code choose}). */
    public Program choose(Map<String, Program> branches) {
        return then(new LocalType.Select(branches(branches), Span.NONE));
    }

    /** An external choice: the first message from {@code peer} tells the branch; each branch starts receiving it. */
    public Program offer(String peer, Map<String, Program> branches) {
        for (var e : branches.entrySet()) {
            if (!(e.getValue().type() instanceof LocalType.Recv r) || !r.peer().toString().equals(peer)) {
                throw new IllegalArgumentException("branch '" + e.getKey() + "' of an offer from " + peer
                        + " must start by receiving from " + peer + ", not " + e.getValue());
            }
        }
        return then(new LocalType.Offer(ref(peer), branches(branches), Span.NONE));
    }

    /** {@code body} exactly {@code times} times. */
    public Program loop(int times, Program body) {
        if (times < 1) {
            throw new IllegalArgumentException("a loop runs at least once, not " + times);
        }
        return then(new LocalType.Repeat(new Bound.Literal(times), body.type(), LocalType.end()));
    }

    /** Branches that interleave freely, then what follows. */
    public Program parallel(Program... branches) {
        return then(new LocalType.Par(Arrays.stream(branches).map(Program::type).toList(), LocalType.end()));
    }

    /** A recursion point {@code rec label.body}; inside, {@link #recur} jumps back. */
    public Program rec(String label, Program body) {
        return then(new LocalType.Rec(label, body.type()));
    }

    /** Jumps back to the enclosing {@link #rec} named {@code label}. */
    public Program recur(String label) {
        return then(new LocalType.Var(label));
    }

    /** Sequential composition: this program, then {@code next}. */
    public Program then(Program next) {
        return then(next.type());
    }

    private Program then(LocalType next) {
        return new Program(LocalTypes.replaceEnd(type, next));
    }

    private static List<LocalType.Branch> branches(Map<String, Program> branches) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one branch");
        }
        return new LinkedHashMap<>(branches).entrySet().stream()
                .map(e -> new LocalType.Branch(e.getKey(), Optional.empty(), e.getValue().type())).toList();
    }

    private static RoleRef ref(String participant) {
        int open = participant.indexOf('[');
        if (open > 0 && participant.endsWith("]")) {
            int index = Integer.parseInt(participant.substring(open + 1, participant.length() - 1));
            return new RoleRef(participant.substring(0, open), new RoleRef.Index.At(index), Span.NONE);
        }
        return RoleRef.plain(participant);
    }

    /** The program in the canonical local-type notation. */
    @Override
    public String toString() {
        return LocalTypePrinter.print(type);
    }
}
