package io.choreo.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's work without Maven: check, generate, fail with located errors, leave unchanged files alone. */
class ChoreoGenerationTest {
    private static final String SHOP = """
            #[namespace = "shop.protocol"]
            choreography Ordering {
                roles: Customer, Shop;
                Customer -> Shop: PlaceOrder(shop.Order);
                Shop -> Customer: Receipt(Invoice);
            }
            """;

    @Test
    void qualifiedPayloadTypesAreTheUsersClassesAndOthersGetPlaceholders(@TempDir Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/main/choreo/nested"));
        Files.writeString(sources.resolve("ordering.choreo"), SHOP);
        ChoreoGeneration.Outcome outcome = ChoreoGeneration.run(dir.resolve("src/main/choreo"), dir.resolve("gen"), true);
        assertFalse(outcome.failed(), String.join("\n", outcome.errors()));
        assertEquals(1, outcome.files().size());
        Path pkg = dir.resolve("gen/shop/protocol");
        assertTrue(Files.readString(pkg.resolve("PlaceOrder.java"))
                .contains("public record PlaceOrder(shop.Order payload) implements OrderingMessage"));
        assertFalse(Files.exists(pkg.resolve("Order.java")), "no placeholder for the user's shop.Order");
        assertTrue(Files.readString(pkg.resolve("Invoice.java")).contains("public record Invoice(String value)"));
        assertTrue(Files.exists(pkg.resolve("CustomerHandler.java")));
        // 2 messages, the sealed interface, the Invoice placeholder, Role + Handler per role, the session builder
        assertEquals(9, outcome.written().size(), outcome.written().toString());
    }

    @Test
    void unchangedSourcesAreNotRewritten(@TempDir Path dir) throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("choreo")).resolve("o.choreo"), SHOP);
        ChoreoGeneration.run(dir.resolve("choreo"), dir.resolve("gen"), false);
        Path handler = dir.resolve("gen/shop/protocol/ShopHandler.java");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(handler, old);
        ChoreoGeneration.run(dir.resolve("choreo"), dir.resolve("gen"), false);
        assertEquals(old, Files.getLastModifiedTime(handler));
    }

    @Test
    void errorsAreLocatedWithACaretAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("choreo"));
        Files.writeString(sources.resolve("good.choreo"), SHOP);
        Files.writeString(sources.resolve("bad.choreo"), "choreography Bad {\n    roles: A, B;\n    A -> C: M;\n}\n");
        ChoreoGeneration.Outcome outcome = ChoreoGeneration.run(sources, dir.resolve("gen"), true);
        assertTrue(outcome.failed());
        String error = String.join("\n", outcome.errors());
        assertTrue(error.contains("bad.choreo:3:10: error[E102]: undefined role 'C'"), error);
        assertTrue(error.contains("    3 |     A -> C: M;\n      |          ^"), error);
        assertFalse(Files.exists(dir.resolve("gen")), "nothing generated while a file has errors");
    }

    @Test
    void noSourcesIsNotAnError(@TempDir Path dir) throws Exception {
        ChoreoGeneration.Outcome outcome = ChoreoGeneration.run(dir.resolve("missing"), dir.resolve("gen"), true);
        assertFalse(outcome.failed());
        assertEquals(0, outcome.files().size());
    }
}
