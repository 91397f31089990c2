package io.choreo.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.persistence.audit.AuditQuery;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.persistence.journal.PersistentJournalStore;
import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.LoopContext;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every journal database must do: persisted facts, durable sessions that survive a JVM restart, audits.
 * Run against H2 ({@link H2JournalTest}) and PostgreSQL ({@link PostgresJournalTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JournalDatabaseContract {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    ActorTestKit kit;

    /** The journal configuration under test. */
    abstract Config database();

    Config systemConfig() {
        return database().withFallback(ConfigFactory.load("application-test"));
    }

    @BeforeAll
    void start() throws Exception {
        kit = ActorTestKit.create(getClass().getSimpleName(), systemConfig());
        JournalDatabase.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        if (kit != null) {
            kit.shutdownTestKit();
        }
    }

    static CompiledProtocol example(String file) {
        return RuntimeTestSupport.example(file);
    }

    static CompiledProtocol compile(String text) {
        return RuntimeTestSupport.compile(text);
    }

    static SessionOutcome run(ActorTestKit kit, SessionSpec spec) {
        return RuntimeTestSupport.run(kit, spec);
    }

    static SessionOutcome.SessionCompleted completed(SessionOutcome outcome) {
        return RuntimeTestSupport.completed(outcome);
    }

    AuditQuery.SessionAudit audit(ActorTestKit on, String sessionId) throws Exception {
        return new AuditQuery(on.system()).session(sessionId).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void factsArePersistedAsEventsAndReadBackByAudit() throws Exception {
        PersistentJournalStore store = new PersistentJournalStore(kit.system(), Duration.ofSeconds(10));
        SessionSpec spec = SessionSpec.of(example("hierarchical.choreo")).withTimeout(TIMEOUT)
                .withExtensions(Extensions.defaults().withJournal(store));
        completed(run(kit, spec));
        Map<String, Set<String>> facts = store.facts(spec.sessionId()).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(Set.of("top_coordination_started", "worker_coordination_started", "sub_results_aggregated"),
                facts.get("TopCoordinator"));
        assertEquals(Set.of("work_completed"), facts.get("Worker1"));
        AuditQuery.SessionAudit audit = audit(kit, spec.sessionId());
        assertEquals(6, audit.events(), "one event per distinct fact per participant: " + audit);
    }

    @Test
    void recordingIsIdempotentAndBatched() throws Exception {
        PersistentJournalStore store = new PersistentJournalStore(kit.system(), Duration.ofSeconds(10));
        String session = "idem-" + System.nanoTime();
        store.record(session, "A", List.of("x", "y", "z")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        store.record(session, "A", List.of("y", "x")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        store.merge(session, "A", Set.of("z", "w")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        AuditQuery.SessionAudit audit = audit(kit, session);
        assertEquals(Map.of("A", Set.of("x", "y", "z", "w")), audit.facts());
        assertEquals(4, audit.events(), "no fact written twice");
    }

    static final String LEDGER = """
            choreography Ledger {
                roles: Client, Server;
                loop (decides: Client) {
                    Client[journal_facts = "requested"] -> Server: Request(Amount);
                    Server[journal_facts = "served"] -> Client: Response(Receipt);
                }
                Client[journal_facts = "closed"] -> Server: Close;
            }""";

    record Amount(int cents) {
    }

    /** A Client that loops while {@code iterations} says so, paying 1, 2, 3… cents. */
    static RoleHandler client(int iterations) {
        return new RoleHandler() {
            @Override
            public boolean continueLoop(LoopContext loop) {
                return loop.iteration() < iterations;
            }

            @Override
            public Object payload(SendContext send) {
                return send.label().equals("Request") ? new Amount(1) : null;
            }
        };
    }

    /** A Server that sums what it was paid; its result is the total. */
    static RoleHandler server() {
        return new RoleHandler() {
            final List<Integer> paid = Collections.synchronizedList(new ArrayList<>());

            @Override
            public void received(ReceiveContext r) {
                if (r.payload() instanceof Amount a) {
                    paid.add(a.cents());
                }
            }

            @Override
            public Object result() {
                return paid.stream().mapToInt(Integer::intValue).sum();
            }
        };
    }

    /**
     * A receiver that consumed its message and failed on its reply (a capability denial) is audited as such: the
     * message was delivered, not lost.
     */
    @Test
    void aReceiverThatFailsOnItsReplyIsAuditedAsDeliveredThenFailed() throws Exception {
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(example("secure.choreo")).withTimeout(TIMEOUT)
                .withExtensions(Extensions.defaults().withCapabilities(
                        new io.choreo.runtime.extension.InMemoryCapabilities().grant("Client", "send_request"))));
        SessionOutcome.SessionFailed failed = RuntimeTestSupport.failed(run(kit, spec));
        assertInstanceOf(io.choreo.runtime.session.SessionError.CapabilityDenied.class, failed.cause());
        AuditQuery.SessionAudit audit = audit(kit, spec.sessionId());
        assertEquals(List.of(new AuditQuery.Message("Client", "Server", "Request", 1, false)), audit.sent());
        assertEquals(List.of(), audit.neverConsumed(), "the Server consumed the Request");
        assertEquals(1, audit.failures().size());
        AuditQuery.Failure f = audit.failures().get(0);
        assertEquals("Server", f.participant());
        assertEquals(audit.sent(), f.consumed());
        assertEquals(failed.cause().describe(), f.error());
    }

    @Test
    void durableSessionsComplete() throws Exception {
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(example("consensus.choreo"))
                .bindRoleCount("Followers", 5).withTimeout(TIMEOUT));
        SessionOutcome.SessionCompleted done = completed(run(kit, spec));
        // the trace is off the message path: not kept unless asked for, and read back from the journal
        assertEquals(List.of(), done.trace());
        assertEquals(10, done.traceOmitted());
        AuditQuery.SessionAudit audit = audit(kit, spec.sessionId());
        assertEquals(10, audit.sent().size());
        assertEquals(10, audit.received().size());
        assertTrue(audit.duplicateReceipts().isEmpty());
    }

    @Test
    void aDurableSessionSurvivesAJvmRestartWithNothingLostOrDuplicated() throws Exception {
        CompiledProtocol ledger = compile(LEDGER);
        String sessionId = "restart-" + System.nanoTime();
        SessionSpec before = DurableSessions.durable(SessionSpec.of(ledger).withSessionId(sessionId)
                .withTimeout(TIMEOUT).withRoleHandlers(Map.of("Client", () -> client(Integer.MAX_VALUE),
                        "Server", JournalDatabaseContract::server)));
        ActorTestKit first = ActorTestKit.create("first-" + getClass().getSimpleName(), systemConfig());
        TestProbe<SessionOutcome> ignored = first.createTestProbe();
        first.spawn(SessionActor.create(before, ignored.ref()));
        long deadline = System.currentTimeMillis() + 20_000;
        while (audit(kit, sessionId).received().size() < 6 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        first.shutdownTestKit();
        AuditQuery.SessionAudit interrupted = audit(kit, sessionId);
        assertTrue(interrupted.received().size() >= 6, "the first JVM got going: " + interrupted.received().size());
        int roundsBefore = (int) interrupted.received().stream().filter(m -> m.label().equals("Request")).count();

        int stopAfter = roundsBefore + 2;
        SessionSpec after = DurableSessions.durable(SessionSpec.of(ledger).withSessionId(sessionId)
                .withTimeout(TIMEOUT).withRoleHandlers(Map.of("Client", () -> client(stopAfter),
                        "Server", JournalDatabaseContract::server)));
        ActorTestKit second = ActorTestKit.create("second-" + getClass().getSimpleName(), systemConfig());
        try {
            SessionOutcome.SessionCompleted done = completed(run(second, after));
            AuditQuery.SessionAudit audit = audit(second, sessionId);
            assertTrue(audit.duplicateReceipts().isEmpty(), "no message consumed twice: " + audit.duplicateReceipts());
            Map<String, List<Long>> seqs = audit.sent().stream().collect(Collectors.groupingBy(
                    m -> m.from() + "->" + m.to(), Collectors.mapping(AuditQuery.Message::seq, Collectors.toList())));
            seqs.forEach((pair, list) -> {
                for (int i = 0; i < list.size(); i++) {
                    assertEquals(i + 1, list.get(i), pair + " sends are numbered 1..n without gaps or repeats");
                }
            });
            assertEquals(audit.sent().size(), audit.received().size(), "every message sent was consumed once");
            long requests = audit.received().stream().filter(m -> m.label().equals("Request")).count();
            assertTrue(requests >= stopAfter, "the loop resumed where it stopped: " + requests);
            assertEquals(Map.of("Client", Set.of("requested", "closed"), "Server", Set.of("served")), audit.facts());
            long factEvents = audit.events() - audit.sent().size() - audit.received().size()
                    - audit.decisions().values().stream().mapToLong(List::size).sum();
            assertEquals(3, factEvents, "each fact persisted once");
            assertEquals((int) requests, done.results().get("Server"),
                    "the resumed Server's handler saw every payment, replayed ones included");
        } finally {
            second.shutdownTestKit();
        }
    }

    /**
     * A durable participant's events carry no tags (with pekko-persistence-jdbc, one tagged event sends its whole
     * insert batch, other actors' events included, through insert-and-return row by row): the audit finds the
     * participants through the session log's {@code Started} record, and, without a session log, by persistence id.
     */
    @Test
    void durableParticipantsWriteNoTagRowsAndAreAuditedWithOrWithoutTheSessionLog() throws Exception {
        SessionSpec spec = DurableSessions.durable(SessionSpec.of(example("consensus.choreo"))
                .bindRoleCount("Followers", 3).withTimeout(TIMEOUT));
        completed(run(kit, spec));
        assertEquals(6, audit(kit, spec.sessionId()).received().size());
        assertEquals(List.of(), taggedRows(kit, "choreo-role|" + spec.sessionId() + ":"),
                "participants' events are not tagged");
        assertEquals(List.of(), taggedRows(kit, "choreo-claim|" + spec.sessionId()), "claims are not tagged");

        ActorTestKit unlogged = ActorTestKit.create("unlogged-" + getClass().getSimpleName(), ConfigFactory
                .parseString("choreo.runtime.session-listeners = {}").withFallback(systemConfig()));
        try {
            SessionSpec quiet = DurableSessions.durable(SessionSpec.of(example("consensus.choreo"))
                    .bindRoleCount("Followers", 2).withTimeout(TIMEOUT));
            completed(run(unlogged, quiet));
            AuditQuery.SessionAudit audit = audit(kit, quiet.sessionId());   // kit's read journal is warm
            assertEquals(4, audit.sent().size(), "found by persistence id without a session log: " + audit);
            assertEquals(4, audit.received().size());
        } finally {
            unlogged.shutdownTestKit();
        }
    }

    /** Tag rows of the journal's events whose persistence id starts with {@code prefix}, as "id tag". */
    static List<String> taggedRows(ActorTestKit on, String prefix) throws java.sql.SQLException {
        Config db = on.system().settings().config().getConfig("pekko-persistence-jdbc.shared-databases.choreo.db");
        List<String> rows = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(db.getString("url"), db.getString("user"),
                db.getString("password")); var s = c.prepareStatement("SELECT j.\"persistence_id\", t.\"tag\""
                + " FROM \"event_tag\" t JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\""
                + " WHERE j.\"persistence_id\" LIKE ?")) {
            s.setString(1, prefix + "%");
            var r = s.executeQuery();
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return rows;
    }
}
