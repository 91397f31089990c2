package io.choreo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.handler.RoleHandler;
import io.choreo.runtime.handler.SendContext;
import io.choreo.runtime.session.SessionSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** Loading protocols from the classpath, refusing invalid ones, the configured default timeout, WARN on failure. */
class ApplicationApiTest {

    @Test
    void aProtocolLoadsFromTheClasspathWithOrWithoutTheLeadingSlash() {
        CompiledProtocol greeting = Choreo.load("/protocols/greeting.choreo");
        assertEquals("Greeting", greeting.name());
        assertEquals("Greeting", Choreo.load("protocols/greeting.choreo", "Greeting").name());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Choreo.load("/protocols/nope.choreo"));
        assertEquals("no protocol resource '/protocols/nope.choreo' on the classpath", missing.getMessage());
    }

    @Test
    void aProtocolWithErrorsIsRefusedWithItsRenderedDiagnostics() {
        Compiler.Compilation.InvalidProtocolException e = assertThrows(
                Compiler.Compilation.InvalidProtocolException.class, () -> Choreo.load("/protocols/broken.choreo"));
        assertTrue(e.getMessage().startsWith("/protocols/broken.choreo has 1 error:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("/protocols/broken.choreo:3:14: error[E102]: undefined role 'Seler'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("    3 |     Buyer -> Seler: Offer;"), e.getMessage());
        assertEquals("E102", e.diagnostics().get(0).code());
        Compiler.Compilation unparsable = Compiler.compile("bad.choreo", "choreography {");
        assertTrue(assertThrows(Compiler.Compilation.InvalidProtocolException.class, unparsable::protocol)
                .getMessage().startsWith("bad.choreo has "));
    }

    @Test
    void theDefaultSessionTimeoutIsTheConfiguredOne() {
        assertEquals(Duration.ofSeconds(30), SessionSpec.of(Choreo.load("/protocols/greeting.choreo")).timeout(),
                "reference.conf");
        System.setProperty(SessionSpec.DEFAULT_TIMEOUT_KEY, "7s");
        ConfigFactory.invalidateCaches();
        try {
            assertEquals(Duration.ofSeconds(7), SessionSpec.of(Choreo.load("/protocols/greeting.choreo")).timeout());
        } finally {
            System.clearProperty(SessionSpec.DEFAULT_TIMEOUT_KEY);
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void aFailedSessionIsLoggedAtWarn() {
        ActorTestKit kit = ActorTestKit.create();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            SessionSpec spec = SessionSpec.of(Choreo.load("/protocols/greeting.choreo")).withSessionId("warned")
                    .withRoleHandlers(Map.of("Alice", () -> new RoleHandler() {
                        @Override
                        public Object payload(SendContext send) {
                            throw new IllegalStateException("no greeting today");
                        }
                    }, "Bob", () -> new RoleHandler() {
                    })).withTimeout(RuntimeTestSupport.SHORT);
            RuntimeTestSupport.failed(RuntimeTestSupport.run(kit, spec));
        } finally {
            System.setErr(err);
            kit.shutdownTestKit();
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("WARN") && log.contains("session warned of Greeting failed: ")
                && log.contains("no greeting today"), log);
    }
}
