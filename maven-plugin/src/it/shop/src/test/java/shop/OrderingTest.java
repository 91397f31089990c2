package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.choreo.projection.CompiledProtocol;
import io.choreo.runtime.Choreo;
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
import shop.protocol.OrderingSession;

/** Real sessions over the generated handlers and session builder, carrying the user's shop.Order. */
class OrderingTest {
    private static final ActorSystem<Sessions.Start> SYSTEM = ActorSystem.create(Sessions.manager(), "shop");
    private static final CompiledProtocol ORDERING = Choreo.load(Path.of("src/main/choreo/orders/order.choreo"));

    @AfterAll
    static void stop() {
        SYSTEM.terminate();
    }

    static SessionOutcome.SessionCompleted run(SessionSpec spec) throws Exception {
        SessionOutcome outcome = Sessions.run(SYSTEM, spec, SYSTEM).toCompletableFuture().get(20, TimeUnit.SECONDS);
        return assertInstanceOf(SessionOutcome.SessionCompleted.class, outcome, outcome::toString);
    }

    @Test
    void theBuilderNeedsEveryRoleAndGivesTypedResults() throws Exception {
        OrderingSession.Ready<Object, Order> ordering = OrderingSession.of(ORDERING)
                .customer(() -> new CustomerSide(new Order("book", 2)))
                .shop(() -> new ShopSide(5))
                .with(s -> s.withSessionId("order-1").withTimeout(Duration.ofSeconds(10)));
        OrderingSession.Results<Object, Order> confirmed = ordering.results(run(ordering.spec()));
        assertEquals("confirmed: order of book", confirmed.customer());
        assertEquals(new Order("book", 2), confirmed.shop());

        OrderingSession.Ready<Object, Order> outOfStock = OrderingSession.of(ORDERING)
                .customer(() -> new CustomerSide(new Order("book", 2)))
                .shop(() -> new ShopSide(0))
                .with(s -> s.withSessionId("order-2").withTimeout(Duration.ofSeconds(10)));
        assertEquals("refused: out of stock", outOfStock.results(run(outOfStock.spec())).customer());
        assertThrows(IllegalArgumentException.class, () -> OrderingSession.of(Choreo.load(
                Path.of("src/main/choreo/orders/returns.choreo"))));
    }

    @Test
    void theMapOfHandlersStillWorks() throws Exception {
        SessionSpec spec = SessionSpec.of(ORDERING).withSessionId("order-3")
                .withRoleHandlers(Map.of("Customer", () -> new CustomerSide(new Order("pen", 1)),
                        "Shop", () -> new ShopSide(1)))
                .withTimeout(Duration.ofSeconds(10));
        assertEquals("confirmed: order of pen", run(spec).results().get("Customer"));
    }
}
