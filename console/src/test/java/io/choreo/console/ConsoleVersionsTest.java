package io.choreo.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.choreo.cluster.sharding.ProtocolRegistry;
import io.choreo.console.web.ConsoleServer;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.RuntimeTestSupport;
import io.choreo.runtime.extension.Extensions;
import io.choreo.runtime.handler.RoleHandlers;
import io.choreo.runtime.session.SessionSpec;
import org.junit.jupiter.api.Test;

/** The console shows each session's protocol version and the versions the node serving it hosts. */
class ConsoleVersionsTest {
    static final int PORT = 18031;

    @Test
    void sessionsCarryTheirVersionAndTheNodeListsItsVersions() throws Exception {
        CompiledProtocol v1 = Compiler.compile("greet.choreo",
                "choreography Greet { roles: A, B; A -> B: Hello; }").protocol(null);
        CompiledProtocol v2 = Compiler.compile("greet-v2.choreo",
                "#[version = \"2\"]\nchoreography Greet { roles: A, B; A -> B: Hello; B -> A: Thanks; }")
                .protocol(null);
        try (ConsoleFixture fixture = new ConsoleFixture("ConsoleVersionsTest");
             ConsoleServer console = fixture.console(PORT, true, true)) {
            ProtocolRegistry.get(fixture.kit.system()).register(v1, RoleHandlers.defaults(), Extensions.defaults())
                    .register(v2, RoleHandlers.defaults(), Extensions.defaults());
            for (CompiledProtocol p : java.util.List.of(v1, v2)) {
                RuntimeTestSupport.completed(RuntimeTestSupport.run(fixture.kit, DurableSessions.durable(
                        SessionSpec.of(p).withSessionId("greet-" + p.version()).withTimeout(ConsoleFixture.TIMEOUT))));
            }
            JsonNode sessions = ConsoleServerTest.eventually(() -> fixture.json(PORT, "/api/sessions"),
                    l -> l.findValuesAsText("id").containsAll(java.util.List.of("greet-1", "greet-2")));
            for (JsonNode s : sessions) {
                assertEquals(s.get("id").asText().substring("greet-".length()), s.get("version").asText(),
                        s.toString());
            }
            JsonNode node = fixture.json(PORT, "/api/node");
            assertEquals("[\"1\",\"2\"]", node.get("protocols").get("Greet").toString(), node.toString());
            String page = fixture.get(PORT, "/").body();
            assertTrue(page.contains("hosts Greet 1, 2</p>"), page);
            assertTrue(page.contains("Greet <span class=\"version\">v2</span>"), page);
        }
    }
}
