package io.choreo.projection.local;

import io.choreo.dsl.ast.Deadline;
import io.choreo.dsl.ast.RoleRef;
import io.choreo.projection.bind.ResolvedBindings;
import java.util.List;
import java.util.Optional;

/**
 * A deadline on a gather: {@code V[i]&{vote: V[i]?Vote; K | timeout(d): V[i]?Vote; T}} waits for the vote of every
 * instance under one deadline. Concretely it is a chain of timed choices, one per instance still to be heard:
 * {@code V[0]&{vote: V[0]?Vote; V[1]&{…} | timeout: V[0]?Vote; V[1]?Vote; …; T}}, so a deadline passing after k
 * votes consumes only the late ones (the others already arrived), where the timeout branch consumes the gather: it
 * may act first ({@code timeout: V[*]!Abort; V[i]?Vote; T} drains as {@code V[*]!Abort; V[k]?Vote; …; T}). Every link
 * has the same origin and deadline: the role shells keep one timer for the whole chain.
 */
final class TimedGather {
    private TimedGather() {
    }

    /**
     * The chain for {@code s} (still parametric; instantiate it afterwards), if its one awaited message is a gather
     * from several instances and its timeout branch consumes the same gather in its top-level sequence.
     */
    static Optional<LocalType> expand(LocalType.Select s, ResolvedBindings bindings) {
        if (s.branches().size() != 2) {
            return Optional.empty();
        }
        LocalType.Branch timeout = s.branches().stream().filter(b -> b.label().equals(Deadline.TIMEOUT_BRANCH))
                .findFirst().orElse(null);
        LocalType.Branch awaited = s.branches().stream().filter(b -> b != timeout).findFirst().orElse(null);
        LocalType.Recv late = timeout == null ? null : lateReceive(timeout.type(), awaited);
        if (timeout == null || awaited == null || !(awaited.type() instanceof LocalType.Recv gather)
                || late == null
                || gather.peer().index() instanceof RoleRef.Index.None
                || gather.peer().index() instanceof RoleRef.Index.At
                || !gather.peer().toString().equals(late.peer().toString())
                || !gather.message().toString().equals(late.message().toString())) {
            return Optional.empty();
        }
        List<RoleRef> peers = Instantiation.expand(gather.peer(), bindings);
        LocalType chain = gather.cont();
        for (int k = peers.size() - 1; k >= 0; k--) {
            LocalType rest = late.cont();  // the late receives of the instances not heard, where T consumes them
            for (int j = peers.size() - 1; j >= k; j--) {
                rest = new LocalType.Recv(peers.get(j), late.message(), late.annotations(), late.origin(),
                        late.implicit(), rest);
            }
            LocalType drained = replace(timeout.type(), late, rest);
            LocalType heard = new LocalType.Recv(peers.get(k), gather.message(), gather.annotations(),
                    gather.origin(), gather.implicit(), chain);
            List<LocalType.Branch> links = s.branches().stream().map(b -> b == timeout
                    ? new LocalType.Branch(b.label(), b.guard(), drained)
                    : new LocalType.Branch(b.label(), b.guard(), heard)).toList();
            chain = s.withBranches(links);
        }
        return Optional.of(chain);
    }

    /** The receive of the awaited gather in the top-level sequence of the timeout branch {@code t}. */
    private static LocalType.Recv lateReceive(LocalType t, LocalType.Branch awaited) {
        if (awaited == null || !(awaited.type() instanceof LocalType.Recv gather)) {
            return null;
        }
        for (LocalType u = t; u != null; u = next(u)) {
            if (u instanceof LocalType.Recv r && r.peer().toString().equals(gather.peer().toString())
                    && r.message().toString().equals(gather.message().toString())) {
                return r;
            }
        }
        return null;
    }

    private static LocalType next(LocalType u) {
        return u instanceof LocalType.Send s ? s.cont() : u instanceof LocalType.Recv r ? r.cont() : null;
    }

    /** {@code t} with its top-level step {@code late} (and what follows it) replaced by {@code with}. */
    private static LocalType replace(LocalType t, LocalType.Recv late, LocalType with) {
        if (t == late) {
            return with;
        }
        if (t instanceof LocalType.Send s) {
            return new LocalType.Send(s.peer(), s.message(), s.annotations(), s.origin(), s.implicit(),
                    replace(s.cont(), late, with));
        }
        LocalType.Recv r = (LocalType.Recv) t;
        return new LocalType.Recv(r.peer(), r.message(), r.annotations(), r.origin(), r.implicit(),
                replace(r.cont(), late, with));
    }
}
