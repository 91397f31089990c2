package io.choreo.bench.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/** The cluster events the client member saw (reachability, downing, removal), with when, per node port. */
final class MembershipLog {
    /** One event: {@code kind} is unreachable, reachable, downed, removed or up. */
    record Seen(long nanos, String kind, int port) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private MembershipLog() {
    }

    static MembershipLog start(ActorSystem<?> system) {
        MembershipLog log = new MembershipLog();
        system.systemActorOf(log.listener(), "bench-membership-log", Props.empty());
        return log;
    }

    private Behavior<ClusterEvent.ClusterDomainEvent> listener() {
        return Behaviors.setup(ctx -> {
            Cluster.get(ctx.getSystem()).subscriptions().tell(new Subscribe<>(ctx.getSelf(),
                    ClusterEvent.ClusterDomainEvent.class));
            return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
                    .onMessage(ClusterEvent.UnreachableMember.class, e -> note("unreachable", e.member()))
                    .onMessage(ClusterEvent.ReachableMember.class, e -> note("reachable", e.member()))
                    .onMessage(ClusterEvent.MemberDowned.class, e -> note("downed", e.member()))
                    .onMessage(ClusterEvent.MemberRemoved.class, e -> note("removed", e.member()))
                    .onMessage(ClusterEvent.MemberUp.class, e -> note("up", e.member()))
                    .onAnyMessage(e -> Behaviors.same())
                    .build();
        });
    }

    private Behavior<ClusterEvent.ClusterDomainEvent> note(String kind, Member m) {
        seen.add(new Seen(System.nanoTime(), kind, (Integer) m.address().port().get()));
        return Behaviors.same();
    }

    /** The first {@code kind} event of {@code port} at or after {@code since}. */
    Optional<Seen> first(String kind, int port, long since) {
        return seen.stream().filter(s -> s.kind().equals(kind) && s.port() == port && s.nanos() >= since)
                .findFirst();
    }

    /** Every {@code kind} event at or after {@code since}. */
    List<Seen> since(long since, String kind) {
        return seen.stream().filter(s -> s.kind().equals(kind) && s.nanos() >= since).toList();
    }
}
