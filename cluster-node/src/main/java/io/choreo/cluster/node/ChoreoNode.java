package io.choreo.cluster.node;

import io.choreo.cluster.budget.BudgetKeeper;
import io.choreo.cluster.sharding.ProtocolRegistry;
import io.choreo.cluster.sharding.RoleEntity;
import io.choreo.cluster.session.ClusterSessions;
import io.choreo.cluster.session.SessionCoordinator;
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
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import java.util.concurrent.CompletableFuture;

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
        initSharding(system);
        this.budgets = system.systemActorOf(BudgetKeeper.create(), "choreo-budgets", Props.empty());
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeClusterShutdown(),
                "choreo-down-when-alone", () -> CompletableFuture.supplyAsync(this::downWhenAlone));
        // once this node is out of the cluster, its peers close their connections to it: that is the goodbye of a
        // normal exit, not something to warn the operator about
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseClusterShutdown(), "choreo-quiet-goodbye",
                () -> {
                    system.classicSystem().eventStream().setLogLevel(org.apache.pekko.event.Logging.ErrorLevel());
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
    }

    /**
     * With no other member reachable there is nobody to leave to or hand shards over to, and leaving would wait for
     * the phase timeouts (10 s and more): the node downs itself instead, so its shutdown skips those phases.
     */
    private Done downWhenAlone() {
        Cluster cluster = Cluster.get(system);
        Member self = cluster.selfMember();
        boolean alone = java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .noneMatch(m -> !m.equals(self) && m.status() == MemberStatus.up()
                        && !cluster.state().getUnreachable().contains(m));
        if (alone && self.status() == MemberStatus.up()) {
            cluster.manager().tell(new Down(self.address()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (cluster.selfMember().status() != MemberStatus.down() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Done.getInstance();
    }

    /**
     * Participants and session coordinators are sharded entities on the members with role
     * {@value NodeSettings#HOST_ROLE} (elsewhere the regions are proxies). Coordinators are remembered while they run,
     * so a coordinator whose node died restarts on another node without waiting for a message.
     */
    static void initSharding(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(RoleEntity.TYPE_KEY, ctx -> RoleEntity.create(ctx.getEntityId()))
                .withRole(NodeSettings.HOST_ROLE));
        sharding.init(Entity.of(SessionCoordinator.TYPE_KEY, ctx -> SessionCoordinator.create(ctx.getEntityId(),
                        ctx.getShard()))
                .withRole(NodeSettings.HOST_ROLE)
                .withSettings(ClusterShardingSettings.create(system).withRememberEntities(true)
                        .withRole(NodeSettings.HOST_ROLE)));
    }

    /** Where the configuration may set the port of Pekko Management's health checks (unset: nothing listens). */
    public static final String MANAGEMENT_PORT_KEY = "choreo.management.port";

    /**
     * Starts a node and creates the journal schema if needed; with {@value #MANAGEMENT_PORT_KEY} set, then serves
     * Pekko Management's health checks on 127.0.0.1 at that port ({@code /ready}: member Up, shard regions
     * registered, journal answering; {@code /alive}). A node listening beyond loopback without TLS is logged as a
     * warning.
     */
    public static ChoreoNode start(NodeSettings settings) throws Exception {
        com.typesafe.config.Config config = settings.config();
        if (config.hasPath(MANAGEMENT_PORT_KEY)) {
            config = com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("pekko.management.http.port",
                    config.getInt(MANAGEMENT_PORT_KEY))).withFallback(config);
        }
        ActorSystem<Sessions.Start> system = ActorSystem.create(Sessions.manager(), settings.systemName(), config);
        if (!system.settings().config().getString("pekko.remote.artery.transport").equals("tls-tcp")
                && !io.choreo.cluster.security.Loopback.is(settings.host(), "node host")) {
            system.log().warn("Artery listens on {}:{} without TLS: any process that reaches it can join the "
                    + "cluster and send to participants; set NodeSettings.withTls or choreo.node.tls "
                    + "(docs/tls-and-console-auth.md)", settings.host(), settings.port());
        }
        JournalDatabase.createSchema(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
        ChoreoNode node = new ChoreoNode(system);
        if (config.hasPath(MANAGEMENT_PORT_KEY)) {
            org.apache.pekko.management.javadsl.PekkoManagement.get(system.classicSystem()).start()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        return node;
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

    /**
     * Registers a version of a protocol this node can host participants of (every node must register the versions
     * its sessions may run on; see {@link ProtocolRegistry}).
     */
    public ChoreoNode register(CompiledProtocol protocol, RoleHandlers handlers, Extensions extensions) {
        ProtocolRegistry.get(system).register(protocol, handlers, extensions);
        return this;
    }

    /**
     * A session of a registered protocol whose durable participants are placed anywhere in the cluster; set its id,
     * bindings and timeout, then {@link #run} it.
     */
    public SessionSpec session(String protocol) {
        ProtocolRegistry.Registration r = ProtocolRegistry.get(system).lookup(protocol).orElseThrow(() ->
                new IllegalArgumentException("protocol " + protocol + " is not registered on this node"));
        return session(r);
    }

    /** As {@link #session(String)}, on {@code version} of the protocol rather than the newest. */
    public SessionSpec session(String protocol, String version) {
        return session(ProtocolRegistry.get(system).lookup(protocol, version).orElseThrow(() ->
                new IllegalArgumentException("version " + version + " of " + protocol
                        + " is not registered on this node")));
    }

    private static SessionSpec session(ProtocolRegistry.Registration r) {
        return DurableSessions.durable(SessionSpec.of(r.protocol()).withHandlers(r.handlers())
                .withExtensions(r.extensions()));
    }

    /**
     * Runs a session in the cluster: its coordinator is a durable sharded entity (see {@link ClusterSessions}), so
     * the outcome arrives even if the coordinator's node dies.
     */
    public CompletionStage<SessionOutcome> run(SessionSpec spec) {
        return ClusterSessions.run(system, spec);
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** How long to wait for the cluster to form before giving up, in {@link ChoreoNodeMain}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
}
