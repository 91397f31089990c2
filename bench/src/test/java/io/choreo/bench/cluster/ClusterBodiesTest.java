package io.choreo.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.cluster.session.ClusterSessions;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;

/**
 * The bodies of {@link ClusterScaleBench} on a one-node cluster in this JVM (no timing): a Relay session completes,
 * and the raw sharded session answers {@code Done} once its three participants finished.
 */
class ClusterBodiesTest {

    @Test
    void aRelaySessionAndItsRawBaselineComplete() throws Exception {
        int port = 27499;
        var journal = JournalDatabase.h2(Files.createTempDirectory("cluster-bodies").resolve("journal"));
        try (ChoreoNode node = ChoreoNode.start(NodeSettings.of(port, List.of("127.0.0.1:" + port), journal))) {
            CompiledProtocol relay = Compiler.compile("relay.choreo", BenchNode.RELAY).protocol(null);
            node.register(relay, (role, p, name) -> new RoleHandler() {
            }, Extensions.defaults());
            RawShardedSession.init(node.system());
            SessionOutcome outcome = ClusterSessions.run(node.system(), SessionSpec.of(relay).withSessionId("c-1"))
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertEquals("Relay", assertInstanceOf(SessionOutcome.SessionCompleted.class, outcome).protocol());
            RawShardedSession.Done done = ClusterSharding.get(node.system())
                    .entityRefFor(RawShardedSession.SESSION, "r-1")
                    .<RawShardedSession.Done>ask(RawShardedSession.Begin::new, Duration.ofSeconds(60))
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertEquals("r-1", done.sessionId());
        }
    }
}
