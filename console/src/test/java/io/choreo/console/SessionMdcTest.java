package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.choreo.persistence.durable.DurableSessions;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.handler.ReceiveContext;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.observe.SessionMdc;
import io.choreo.runtime.session.SessionSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.MDC;

/**
 * Every log line of a session carries its id: handlers, which run on the participants' actor threads, see the
 * session id and participant in the SLF4J MDC, for in-memory and for durable (event-sourced) participants.
 * Size: two Negotiation sessions; about 3 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionMdcTest {
    ConsoleFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new ConsoleFixture("SessionMdcTest");
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void inMemoryParticipantsLogWithTheSessionId() {
        assertEquals(Set.of("mdc-mem/Buyer", "mdc-mem/Seller"), seen("mdc-mem", Function.identity()));
    }

    @Test
    void durableParticipantsLogWithTheSessionId() {
        assertEquals(Set.of("mdc-durable/Buyer", "mdc-durable/Seller"),
                seen("mdc-durable", DurableSessions::durable));
    }

    @Test
    void theSessionActorsLogLinesCarryTheSessionId() {
        fixture.overBudget("mdc-failing");
        List<CapturingLogs.Line> lines = CapturingLogs.lines().stream()
                .filter(l -> l.message().contains("session mdc-failing of")).toList();
        assertEquals(1, lines.size(), "the failure is logged once: " + CapturingLogs.lines());
        assertEquals("mdc-failing", lines.get(0).mdc().get(SessionMdc.SESSION_ID), lines.get(0).toString());
    }

    /** "sessionId/participant" from the MDC at every handler call of a Negotiation session. */
    private Set<String> seen(String id, Function<SessionSpec, SessionSpec> mode) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        RoleHandler recording = new RoleHandler() {
            @Override
            public Object payload(SendContext send) {
                seen.add(MDC.get(SessionMdc.SESSION_ID) + "/" + MDC.get(SessionMdc.PARTICIPANT));
                return null;
            }

            @Override
            public void received(ReceiveContext received) {
                seen.add(MDC.get(SessionMdc.SESSION_ID) + "/" + MDC.get(SessionMdc.PARTICIPANT));
            }
        };
        SessionSpec spec = mode.apply(SessionSpec.of(RuntimeTestSupport.example("negotiation.choreo"))
                .withSessionId(id).withTimeout(ConsoleFixture.TIMEOUT)
                .withRoleHandlers(Map.of("Buyer", () -> recording, "Seller", () -> recording)));
        RuntimeTestSupport.completed(RuntimeTestSupport.run(fixture.kit, spec));
        return Set.copyOf(List.copyOf(seen));
    }
}
