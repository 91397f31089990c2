package io.choreo.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a node listens, which seed nodes it joins, and its journal. {@link #config()} turns them into the Pekko
 * configuration of the node: cluster provider, Artery on the given host and port, seed nodes, the Split Brain
 * Resolver (keep-majority), Distributed Data started at boot, and the journal.
 *
 * @param seeds seed nodes as {@code host:port}
 * @param journal the journal configuration (see {@code JournalDatabase})
 */
public record NodeSettings(String systemName, String host, int port, List<String> seeds, Config journal) {
    public NodeSettings {
        seeds = List.copyOf(seeds);
    }

    public static NodeSettings of(int port, List<String> seeds, Config journal) {
        return new NodeSettings("choreo", "127.0.0.1", port, seeds, journal);
    }

    public Config config() {
        String seedList = seeds.stream().map(s -> "\"pekko://" + systemName + "@" + s + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        return ConfigFactory.parseString("""
                pekko {
                  actor.provider = cluster
                  remote.artery.canonical.hostname = "%s"
                  remote.artery.canonical.port = %d
                  cluster {
                    seed-nodes = %s
                    downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
                    split-brain-resolver {
                      active-strategy = keep-majority
                      stable-after = 5s
                    }
                    sharding.remember-entities = off
                  }
                  # Distributed Data must run on every node from the start, or majority writes time out
                  extensions = ["org.apache.pekko.cluster.ddata.DistributedData"]
                }
                """.formatted(host, port, seedList)).withFallback(journal).withFallback(ConfigFactory.load());
    }
}
