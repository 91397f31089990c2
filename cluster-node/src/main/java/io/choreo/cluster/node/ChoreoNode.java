package io.choreo.cluster.node;

import io.choreo.cluster.budget.BudgetKeeper;
import io.choreo.cluster.sharding.ProtocolRegistry;
import io.choreo.cluster.sharding.RoleEntity;
import io.choreo.cluster.sharding.ShardedPlacement;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * A running cluster node: joins the cluster, hosts participant entities (Cluster Sharding), keeps its escrow share
 * of the flow budgets (Distributed Data), journals to the configured database, and can start sessions whose
 * participants run anywhere in the cluster.
 */
public final class ChoreoNode implements AutoCloseable {
    private final ActorSystem<Sessions.Start> system;
    private final ActorRef<BudgetKeeper.Command> budgets;

    private ChoreoNode(ActorSystem<Sessions.Start> system) {
        this.system = system;
        ClusterSharding.get(system).init(Entity.of(RoleEntity.TYPE_KEY, ctx -> RoleEntity.create()));
        this.budgets = system.systemActorOf(BudgetKeeper.create(), "choreo-budgets", Props.empty());
    }

    /** Starts a node and creates the journal schema if needed. */
    public static ChoreoNode start(NodeSettings settings) throws Exception {
        ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), settings.systemName(),
                settings.config());
        JournalDatabase.createSchema(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new ChoreoNode(system);
    }

    public ActorSystem<Sessions.Start> system() {
        return system;
    }

    public ActorRef<BudgetKeeper.Command> budgets() {
        return budgets;
    }

    public Cluster cluster() {
        return Cluster.get(system);
    }

    /** Registers a protocol this node can host participants of (every node must register the same protocols). */
    public ChoreoNode register(CompiledProtocol protocol, RoleHandlers handlers, Extensions extensions) {
        ProtocolRegistry.get(system).register(protocol, handlers, extensions);
        return this;
    }

    /** A session of a registered protocol whose durable participants are placed anywhere in the cluster. */
    public SessionSpec session(String protocol) {
        ProtocolRegistry.Registration r = ProtocolRegistry.get(system).lookup(protocol).orElseThrow(() ->
                new IllegalArgumentException("protocol " + protocol + " is not registered on this node"));
        return DurableSessions.durable(SessionSpec.of(r.protocol()).withHandlers(r.handlers())
                .withExtensions(r.extensions())).withPlacement(new ShardedPlacement());
    }

    /** Runs a session from this node (its session actor lives here) and completes with its outcome. */
    public CompletionStage<SessionOutcome> run(SessionSpec spec) {
        return Sessions.run(system, spec, system);
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** How long to wait for the cluster to form before giving up, in {@link ChoreoNodeMain}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
}
