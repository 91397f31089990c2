package io.choreo.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cluster.node.ChoreoNode;
import io.choreo.cluster.node.NodeSettings;
import io.choreo.cluster.security.ClusterTls;
import io.choreo.cluster.security.TestKeys;
import io.choreo.cluster.sharding.RoleEntity;
import io.choreo.cluster.sharding.ShardedPeers;
import io.choreo.dsl.TestCorpus;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.ExampleHandlers;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Artery over TLS with mutual authentication, with key stores made by keytool for the test: two nodes with the
 * cluster's key form the cluster and run a session; each kind of outsider — plain TCP, TLS with its own key and no
 * trust in the cluster, TLS with its own key that trusts the cluster's (only mutual authentication stops it) — can
 * neither join nor deliver an {@code Activate} to a participant entity, which a member delivers through the same path.
 * Two members and one outsider at a time, in one JVM on 127.0.0.1 ports; about 65 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTlsTest {
    static final Duration OUTSIDER_WAIT = Duration.ofSeconds(6);

    final List<ChoreoNode> members = new ArrayList<>();
    final AtomicInteger participantsStarted = new AtomicInteger();
    TestKeys keys;
    ClusterTls clusterTls;
    List<String> seeds;
    CompiledProtocol negotiation;

    @BeforeAll
    void startCluster() throws Exception {
        keys = new TestKeys();
        Path cluster = keys.identity("cluster");
        clusterTls = new ClusterTls(cluster, keys.trustStore("cluster-trust", cluster), keys.passwordFile());
        Path journal = Files.createTempDirectory("choreo-tls").resolve("journal");
        List<Integer> ports = List.of(ClusterTest.freePort(), ClusterTest.freePort());
        seeds = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        negotiation = Compiler.compile(TestCorpus.examples().resolve("negotiation.choreo")).protocol(null);
        RoleHandlers counting = (role, participant, name) -> {
            participantsStarted.incrementAndGet();
            return new ExampleHandlers(Map.of(), 1).create(role, participant, name);
        };
        for (int port : ports) {
            members.add(ChoreoNode.start(NodeSettings.of(port, seeds, JournalDatabase.h2(journal))
                    .withTls(clusterTls)).register(negotiation, counting, Extensions.defaults()));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!members.stream().allMatch(n -> ClusterTest.upMembers(n) == 2)) {
            assertTrue(System.currentTimeMillis() < deadline, "the TLS cluster did not form");
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws Exception {
        // all at once: a member terminated alone may wait for its peer's side of the leave (over 30 s under load)
        members.forEach(n -> n.system().terminate());
        for (ChoreoNode n : members) {
            n.system().getWhenTerminated().toCompletableFuture().get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void nodesWithTheClusterKeyRunASession() throws Exception {
        ChoreoNode node = members.get(1);
        SessionOutcome outcome = node.run(node.session("Negotiation").withSessionId("tls-1")
                .withTimeout(Duration.ofSeconds(30))).toCompletableFuture().get(60, TimeUnit.SECONDS);
        io.choreo.runtime.RuntimeTestSupport.completed(outcome);
    }

    @Test
    void noOutsiderJoinsOrReachesAParticipantWhileAMemberDoes() throws Exception {
        Path rogue = keys.identity("rogue");
        Path cluster = clusterTls.keyStore();
        ClusterTls ownTrust = new ClusterTls(rogue, keys.trustStore("rogue-trust", rogue), keys.passwordFile());
        ClusterTls trustsCluster = new ClusterTls(rogue, keys.trustStore("rogue-and-cluster-trust", rogue, cluster),
                keys.passwordFile());
        Map<String, Function<NodeSettings, NodeSettings>> outsiders = new java.util.LinkedHashMap<>();
        outsiders.put("plain TCP", s -> s);
        outsiders.put("TLS, own key, trusting only itself", s -> s.withTls(ownTrust));
        outsiders.put("TLS, own key, trusting the cluster", s -> s.withTls(trustsCluster));
        for (var outsider : outsiders.entrySet()) {
            int before = participantsStarted.get();
            NodeSettings settings = outsider.getValue().apply(NodeSettings.of(ClusterTest.freePort(), seeds,
                    JournalDatabase.h2(Files.createTempDirectory("choreo-rogue").resolve("journal"))));
            try (ChoreoNode node = ChoreoNode.start(settings)) {
                sendActivate(node, "rogue-" + before);
                Thread.sleep(OUTSIDER_WAIT.toMillis());
                assertTrue(node.cluster().selfMember().status() != MemberStatus.up(),
                        outsider.getKey() + ": the outsider is not up: " + node.cluster().state());
                for (ChoreoNode m : members) {
                    assertEquals(2, java.util.stream.StreamSupport.stream(m.cluster().state().getMembers().spliterator(), false).count(), outsider.getKey()
                            + ": nobody joined: " + m.cluster().state());
                }
                assertEquals(before, participantsStarted.get(), outsider.getKey()
                        + ": no participant started from the outsider's Activate");
            }
        }
        // the same message from a member, by the same path, starts the participant: the path is right
        int before = participantsStarted.get();
        sendActivate(members.get(1), "member-control");
        long deadline = System.currentTimeMillis() + 20_000;
        while (participantsStarted.get() == before) {
            assertTrue(System.currentTimeMillis() < deadline, "a member's Activate started the participant");
            Thread.sleep(100);
        }
    }

    /**
     * What mutual authentication adds: a client with its own key that trusts the cluster (a Pekko node would wait
     * for the member's answer over a connection the other way, which fails anyway; a hand-made client would not
     * wait) does not get a TLS session with a member: the member refuses its certificate. Without
     * {@code require-mutual-authentication} the member would wait for Artery frames (the read times out).
     * (Checked: with it off, this test fails.)
     */
    @Test
    void aMemberRefusesATlsClientWithoutTheClusterCertificate() throws Exception {
        Path rogue = keys.identity("raw-client");
        Path trust = keys.trustStore("raw-client-trust", clusterTls.keyStore());
        javax.net.ssl.KeyManagerFactory km = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        km.init(io.choreo.cluster.security.KeyStores.keyStore(rogue, TestKeys.PASSWORD.toCharArray(), "key"),
                TestKeys.PASSWORD.toCharArray());
        javax.net.ssl.TrustManagerFactory tm = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tm.init(io.choreo.cluster.security.KeyStores.trustStore(trust, TestKeys.PASSWORD.toCharArray(), "trust"));
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        tls.init(km.getKeyManagers(), tm.getTrustManagers(), null);
        String[] hostPort = seeds.get(0).split(":");
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                .createSocket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(5_000);
            // TLS 1.3: the client's handshake ends first; the member's verdict on its certificate is the first read
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
                socket.startHandshake();
                socket.getInputStream().read();
            });
            assertInstanceOf(javax.net.ssl.SSLException.class, refused,
                    "the member refused the untrusted client's certificate, it did not wait for Artery frames");
        }
    }

    /** An Activate for a Buyer, straight to the participant region of the first member (no cluster needed). */
    private void sendActivate(ChoreoNode from, String sessionId) {
        String region = "pekko://choreo@" + seeds.get(0) + "/system/sharding/" + RoleEntity.TYPE_KEY.name();
        from.system().classicSystem().actorSelection(region).tell(new ShardingEnvelope<>(RoleEntity.entityId(
                sessionId, "Buyer"), new RoleEntity.Activate(sessionId, "Negotiation", "1", Bindings.none(), "Buyer",
                new ShardedPeers(sessionId, Set.of("Buyer", "Seller")), false)),
                org.apache.pekko.actor.ActorRef.noSender());
    }
}
