package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A real session over the generated handlers, carrying the user's shop.Order. */
class OrderingTest {
    private static final ActorSystem<Sessions.Start> SYSTEM = ActorSystem.create(Sessions.manager(), "shop");

    @AfterAll
    static void stop() {
        SYSTEM.terminate();
    }

    static SessionOutcome order(String id, int stock) throws Exception {
        CompiledProtocol ordering = Compiler.compile(Path.of("src/main/choreo/orders/order.choreo")).protocol(null);
        SessionSpec spec = SessionSpec.of(ordering)
                .withSessionId(id)
                .withRoleHandlers(Map.of("Customer", () -> new CustomerSide(new Order("book", 2)),
                        "Shop", () -> new ShopSide(stock)))
                .withTimeout(Duration.ofSeconds(10));
        return Sessions.run(SYSTEM, spec, SYSTEM).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void confirmedWhileInStockRefusedOtherwise() throws Exception {
        SessionOutcome.SessionCompleted done = assertInstanceOf(SessionOutcome.SessionCompleted.class,
                order("order-1", 5));
        assertEquals("confirmed: order of book", done.results().get("Customer"));
        assertEquals(new Order("book", 2), done.results().get("Shop"));
        SessionOutcome.SessionCompleted refused = assertInstanceOf(SessionOutcome.SessionCompleted.class,
                order("order-2", 0));
        assertEquals("refused: out of stock", refused.results().get("Customer"));
    }
}
