package io.choreo.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.cluster.security.ClusterTls;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a node listens, which seed nodes it joins, and its journal. {@link #config()} turns them into the Pekko
 * configuration of the node: cluster provider, Artery on the given host and port (127.0.0.1 unless set), seed
 * nodes, the Split Brain Resolver (keep-majority), Distributed Data started at boot, and the journal; with
 * {@code tls}, Artery over TLS with mutual authentication.
 *
 * @param seeds seed nodes as {@code host:port}
 * @param journal the journal configuration (see {@code JournalDatabase})
 * @param tls the cluster's TLS keys; when empty, those of {@code choreo.node.tls} in the configuration, if set
 */
public record NodeSettings(String systemName, String host, int port, List<String> seeds, Config journal,
                           List<String> roles, Optional<ClusterTls> tls) {
    /**
     * How long the Split Brain Resolver waits for a stable view before it downs unreachable members: the main part
     * of the failover time after a node dies (with failure detection before it and the hand-over margin after it).
     */
    public static final java.time.Duration STABLE_AFTER = java.time.Duration.ofMillis(1500);

    /**
     * How long a member may send no heartbeat before the failure detector marks it unreachable (Pekko's default is
     * 3 s). A healthy member is downed only if it stays silent for this, the detector's margin and then
     * {@link #STABLE_AFTER}: about 4 s without one heartbeat (docs/cluster-deployment.md, "Failure detection").
     */
    public static final java.time.Duration ACCEPTABLE_HEARTBEAT_PAUSE = java.time.Duration.ofSeconds(2);

    /**
     * How long (after stable-after) the view may keep changing before the Split Brain Resolver downs every node: long
     * enough for several nodes dying one after the other to be seen by every observer.
     */
    public static final java.time.Duration DOWN_ALL_WHEN_UNSTABLE = java.time.Duration.ofSeconds(15);

    /** The cluster role of members that host participants and coordinators (and count for the majority). */
    public static final String HOST_ROLE = "choreo-host";

    public NodeSettings {
        seeds = List.copyOf(seeds);
        roles = List.copyOf(roles);
    }

    /** A node that hosts participants and session coordinators. */
    public static NodeSettings of(int port, List<String> seeds, Config journal) {
        return new NodeSettings("choreo", "127.0.0.1", port, seeds, journal, List.of(HOST_ROLE), Optional.empty());
    }

    /** These settings with Artery over TLS with mutual authentication, with {@code tls}'s keys. */
    public NodeSettings withTls(ClusterTls tls) {
        return new NodeSettings(systemName, host, port, seeds, journal, roles, Optional.of(tls));
    }

    /** These settings listening on {@code host} (an interface of this machine, seen by the other nodes). */
    public NodeSettings withHost(String host) {
        return new NodeSettings(systemName, host, port, seeds, journal, roles, tls);
    }

    /** A member that only starts sessions and asks for outcomes (hosts no entities, does not count for majority). */
    public NodeSettings asClient() {
        return new NodeSettings(systemName, host, port, seeds, journal, List.of("choreo-client"), tls);
    }

    /**
     * The node's Pekko configuration; the TLS keys (when set) are checked first: a missing or world-readable
     * password file, a wrong password or a store without a key is a {@code SecuritySettingsException}.
     */
    public Config config() {
        Config defaults = journal.withFallback(ConfigFactory.load());
        Config transport = tls.or(() -> ClusterTls.fromConfig(defaults)).map(ClusterTls::artery)
                .orElse(ConfigFactory.empty());
        String roleList = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", ", "[", "]"));
        String seedList = seeds.stream().map(s -> "\"pekko://" + systemName + "@" + s + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        Config node = ConfigFactory.parseString("""
                pekko {
                  actor.provider = cluster
                  remote.artery.canonical.hostname = "%s"
                  remote.artery.canonical.port = %d
                  cluster {
                    roles = %s
                    seed-nodes = %s
                    downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
                    split-brain-resolver {
                      active-strategy = keep-majority
                      keep-majority.role = "%s"
                      stable-after = %s
                      # by default (3/4 of stable-after, at least 4 s) two nodes dying a second or two apart, seen
                      # unreachable one observer after the other, kept the view changing for longer than
                      # stable-after + 4 s, and the resolver downed the whole cluster; flapping still downs all
                      down-all-when-unstable = %s
                    }
                    # failure detection after a crash: heartbeats every 500 ms (default 1 s), unreachable after
                    # acceptable-heartbeat-pause without one (default 3 s), checked every 250 ms (default 1 s)
                    failure-detector {
                      heartbeat-interval = 500ms
                      acceptable-heartbeat-pause = %s
                    }
                    unreachable-nodes-reaper-interval = 250ms
                    # the downing decision, the removal and the new oldest's singletons spread through gossip and the
                    # leader's actions: every 250 ms, not every second (shards answer again about 1 s sooner; a node
                    # restarted meanwhile may be handed entities before it registers its protocols, which they wait
                    # for: choreo.cluster.registration-grace)
                    gossip-interval = 250ms
                    leader-actions-interval = 250ms
                    # shards of a downed node move 500 ms after its removal (default: stable-after again); a copy of an
                    # entity still running on a partitioned side cannot corrupt anything: the journal refuses its
                    # writes (sequence numbers are unique per persistence id) and it recovers
                    down-removal-margin = 500ms
                    sharding {
                      # 100 shards (default 1,000: ten times the nodes is Pekko's advice): fewer allocations to
                      # persist and replay when the shard coordinator moves with a dead oldest node; a coordinator
                      # snapshot every 100 of them. Changing the number needs a full cluster restart.
                      number-of-shards = 100
                      snapshot-after = 100
                      remember-entities = off
                      # only session coordinators are remembered (while they run), in the shared journal
                      remember-entities-store = eventsourced
                      # find the new home of a shard whose node went away quickly (default 2 s)
                      retry-interval = 200ms
                      coordinator-failure-backoff = 1s
                      entity-restart-backoff = 1s
                      # the shard coordinator keeps its allocations in the shared journal, which every failover
                      # needs anyway: no majority of nodes to wait for while one is unreachable, and nothing lost
                      # when two nodes die at once (Distributed Data majorities must choose one or the other)
                      state-store-mode = persistence
                      # a busy journal may take more than 2 s to load a shard's remembered coordinators; a shard
                      # that failed to load retries after 1 s, not 10 s
                      waiting-for-state-timeout = 5s
                      shard-failure-backoff = 1s
                      # a rebalance towards a node that dies meanwhile gives up after 6 s (the shard stays), not 60 s
                      handoff-timeout = 6s
                    }
                  }
                  # Distributed Data must run on every node from the start, or majority writes time out
                  extensions = ["org.apache.pekko.cluster.ddata.DistributedData"]
                }
                """.formatted(host, port, roleList, seedList, HOST_ROLE, STABLE_AFTER.toMillis() + "ms",
                DOWN_ALL_WHEN_UNSTABLE.toMillis() + "ms", ACCEPTABLE_HEARTBEAT_PAUSE.toMillis() + "ms"))
                .withFallback(transport).withFallback(defaults);
        // system properties (-Dpekko.cluster...=...) still override every setting here, as with ConfigFactory.load()
        return ConfigFactory.defaultOverrides().withFallback(node).resolve();
    }
}
