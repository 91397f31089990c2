package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated sources for every example compile against the runtime. */
class GenCommandTest {

    @Test
    void generatedSourcesForEveryExampleCompile(@TempDir Path dir) throws Exception {
        for (Path example : TestCorpus.exampleFiles()) {
            ChoreoCommandTest.Run r = ChoreoCommandTest.run("gen", example.toString(), "--out",
                    dir.resolve("src").toString());
            assertEquals(0, r.exit(), r.err());
        }
        List<String> sources;
        try (Stream<Path> files = Files.walk(dir.resolve("src"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertTrue(sources.size() > 60, "sources: " + sources.size());
        String budgetHandler = Files.readString(dir.resolve("src/budgeted_protocol/SenderRole.java"));
        assertTrue(budgetHandler.contains("HighCostMessage sendHighCostMessage(SendContext send);"), budgetHandler);
        assertTrue(budgetHandler.contains("default void onLowCostAck(LowCostAck message, ReceiveContext received)"),
                budgetHandler);
        String data = Files.readString(dir.resolve("src/typedmessages/Data.java"));
        assertTrue(data.contains("public record Data(java.util.List<String> value0, java.util.Map<String, Integer> value1)"),
                data);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "--release", "17"));
        args.addAll(sources);
        int result = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                diagnostics.write(b);
            }
        }), args.toArray(new String[0]));
        assertEquals(0, result, diagnostics.toString());
        assertTrue(new File(classes.toFile(), "negotiation/BuyerHandler.class").exists());
    }

    @Test
    void payloadTypesThatAreClassesGetNoPlaceholder(@TempDir Path dir) throws Exception {
        Path protocol = dir.resolve("shop.choreo");
        Files.writeString(protocol, """
                #[namespace = "shop.protocol"]
                choreography Ordering {
                    roles: Customer, Shop;
                    Customer -> Shop: PlaceOrder(Order);
                    Shop -> Customer: Receipt(Invoice);
                    Shop -> Customer: Note(Object);
                }
                """);
        Path sources = Files.createDirectories(dir.resolve("app/shop/protocol"));
        Files.writeString(sources.resolve("Order.java"), "package shop.protocol;\npublic record Order(int n) {}\n");
        ChoreoCommandTest.Run r = ChoreoCommandTest.run("gen", protocol.toString(), "--out", dir.resolve("gen").toString(),
                "--sourcepath", dir.resolve("app").toString(), "--type", "Invoice=java.math.BigDecimal");
        assertEquals(0, r.exit(), r.err());
        Path pkg = dir.resolve("gen/shop/protocol");
        assertTrue(Files.exists(pkg.resolve("PlaceOrder.java")));
        assertTrue(!Files.exists(pkg.resolve("Order.java")), "the application's shop.protocol.Order");
        assertTrue(!Files.exists(pkg.resolve("Object.java")), "java.lang.Object");
        assertTrue(Files.readString(pkg.resolve("Receipt.java")).contains("public record Receipt(java.math.BigDecimal payload)"));
        ChoreoCommandTest.Run bad = ChoreoCommandTest.run("gen", protocol.toString(), "--out",
                dir.resolve("gen2").toString(), "--type", "Invoice");
        assertEquals(2, bad.exit(), bad.err());
    }
}
