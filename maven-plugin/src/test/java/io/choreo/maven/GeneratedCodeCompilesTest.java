package io.choreo.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application code against the generated sources compiles with javac (two compilations, about 4 s): typed choices,
 * guard records, typed results, the session builder; and leaving a role out of the builder does not compile.
 */
class GeneratedCodeCompilesTest {
    static final String PROTOCOL = """
            #[namespace = "shop.protocol"]
            choreography Ordering {
                roles: Customer, Shop, Couriers[N];
                Customer -> Shop: PlaceOrder(shop.Order);
                choice Shop {
                    accept when (stock >= 1): { Shop -> Customer: Confirmed(String); Shop -> Couriers[*]: Ship; }
                    reject: { Shop -> Customer: Refused(String); Shop -> Couriers[*]: Idle; }
                }
            }
            """;

    static final String APP = """
            package shop;

            import io.choreo.runtime.handler.ChoiceContext;
            import io.choreo.runtime.handler.ReceiveContext;
            import io.choreo.runtime.handler.SendContext;
            import io.choreo.runtime.session.SessionOutcome;
            import io.choreo.runtime.session.SessionSpec;
            import java.util.Map;
            import shop.protocol.*;

            public final class App {
                record Customer(Order order) implements CustomerHandler {
                    public PlaceOrder sendPlaceOrder(SendContext send) { return new PlaceOrder(order); }
                }

                static final class Shop implements ShopRole<Order> {
                    private Order order;
                    public void onPlaceOrder(PlaceOrder m, ReceiveContext r) { order = m.payload(); }
                    public Confirmed sendConfirmed(SendContext send) { return new Confirmed("ok"); }
                    public Refused sendRefused(SendContext send) { return new Refused("no"); }
                    public ShopChoice chooseShopChoice(ChoiceContext choice) { return ShopChoice.ACCEPT; }
                    public ShopGuards guards(ChoiceContext choice) { return new ShopGuards(3); }
                    public Order result() { return order; }
                }

                static final class Courier implements CouriersRole<Integer> {
                    public Integer result() { return 1; }
                }

                static SessionSpec spec(io.choreo.projection.CompiledProtocol protocol, SessionOutcome.SessionCompleted done) {
                    OrderingSession.Ready<Object, Order, Integer> ready = OrderingSession.of(protocol)
                            .customer(() -> new Customer(new Order("book")))
                            .shop(Shop::new)
                            %s;
                    OrderingSession.Results<Object, Order, Integer> results = ready.results(done);
                    Order order = results.shop();
                    Map<String, Integer> couriers = results.couriers();
                    return ready.with(s -> s.bindRoleCount("Couriers", 2)).spec();
                }
            }
            """;

    static String compile(Path dir, String couriers) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("shop"));
        Files.writeString(src.resolve("shop/Order.java"), "package shop;\npublic record Order(String item) {}\n");
        Files.writeString(src.resolve("shop/App.java"), APP.formatted(couriers));
        Path choreo = Files.createDirectories(dir.resolve("choreo"));
        Files.writeString(choreo.resolve("ordering.choreo"), PROTOCOL);
        ChoreoGeneration.Outcome outcome = ChoreoGeneration.run(choreo, src, false);
        assertFalse(outcome.failed(), String.join("\n", outcome.errors()));
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-classpath",
                System.getProperty("java.class.path"), "--release", "17", "-Xlint:all", "-Werror"));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null,
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
        return exit + "\n" + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void applicationCodeOnTheTypedApiCompilesWithoutWarnings(@TempDir Path dir) throws Exception {
        String result = compile(dir, ".couriers(Courier::new)");
        assertEquals("0\n", result, result);
        assertTrue(Files.isRegularFile(dir.resolve("classes/shop/protocol/OrderingSession$Ready.class")));
    }

    @Test
    void aRoleLeftOutOfTheBuilderIsACompileError(@TempDir Path dir) throws Exception {
        String result = compile(dir, "");
        assertTrue(result.startsWith("1\n") && result.contains("error: incompatible types")
                && result.contains("CouriersStep<Object,RShop> conforms to Ready<Object,Order,Integer>"), result);
    }
}
