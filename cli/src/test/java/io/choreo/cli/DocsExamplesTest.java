package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.projection.bind.Bindings;
import io.choreo.projection.check.DeadlockChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The documentation tells the truth: every fenced {@code choreo} block in {@code docs/} passes the checker (or fails
 * with exactly the code it is marked with), and every diagnostic code the sources can emit — read from the sources
 * at test time — is documented in {@code docs/dsl-reference.md} with an example that produces it.
 */
class DocsExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("choreo.root", ".."));
    private static final Pattern FENCE = Pattern.compile("(?m)^```choreo([^\\n]*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern CODE_LITERAL = Pattern.compile("\"([EW]\\d{3})\"");
    private static final Pattern MARK = Pattern.compile("(fails|warns)=([EW]\\d{3})");
    /**
     * Codes no short example shows: internal errors (E000, E900), nesting hundreds of levels deep (E004), binary input (E008), input too
     * large for a 4 GiB stack (E009), and the results of exploring participants that a correct projection of a
     * well-formed protocol does not produce (E215–E217) or that need a long exploration (W210). Their sections
     * explain them with sample output instead.
     */
    private static final Set<String> NOT_DEMONSTRABLE = Set.of("E000", "E004", "E008", "E009", "E215", "E216", "E217",
            "E220", "E900", "W210", "W211");

    /** A fenced block: where it is, how it is marked, its text. */
    record Block(Path file, int line, String mark, String text) {
        String where() {
            return ROOT.relativize(file) + ":" + line;
        }
    }

    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(doc);
                Matcher m = FENCE.matcher(text);
                while (m.find()) {
                    int line = (int) text.substring(0, m.start()).lines().count() + 1;
                    blocks.add(new Block(doc, line, m.group(1).strip(), m.group(2)));
                }
            }
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyChoreoBlockInTheDocsChecksAsMarked() throws IOException {
        List<Block> blocks = blocks();
        assertTrue(blocks.size() > 60, "blocks found: " + blocks.size());
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.where() + " " + b.mark(), () -> check(b)));
    }

    private static void check(Block b) {
        Compiler.Compilation c = Compiler.compile(b.where(), b.text());
        List<String> errors = c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList();
        List<String> warnings = c.diagnostics().stream().filter(d -> !d.isError()).map(Diagnostic::code).toList();
        Matcher mark = MARK.matcher(b.mark());
        if (mark.matches() && mark.group(1).equals("fails")) {
            assertTrue(errors.contains(mark.group(2)), b.where() + " should fail with " + mark.group(2) + ":\n"
                    + c.render());
            return;
        }
        assertFalse(c.hasErrors(), b.where() + " should pass `choreo check`:\n" + c.render());
        if (mark.matches()) {
            assertTrue(warnings.contains(mark.group(2)), b.where() + " should warn " + mark.group(2) + ":\n"
                    + c.render());
        } else {
            assertEquals(List.of(), warnings, b.where() + " has unexpected warnings:\n" + c.render());
            assertTrue(b.mark().isEmpty(), b.where() + ": unknown mark '" + b.mark() + "'");
        }
        for (CompiledProtocol p : c.protocols()) {
            io.choreo.projection.Checker.Result r = io.choreo.projection.Checker.check(p, Bindings.none(),
                    DeadlockChecker.Options.DEFAULT);
            assertFalse(r.hasErrors(), b.where() + " " + p.name() + ": " + r);
        }
    }

    /** Every {@code "E123"} / {@code "W123"} literal in the main sources of every module. */
    static Set<String> codesInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/")).toList()) {
                Matcher m = CODE_LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }

    @Test
    void everyDiagnosticCodeOfTheSourcesIsDocumentedWithAnExample() throws IOException {
        Set<String> codes = codesInSources();
        assertTrue(codes.containsAll(Set.of("E001", "E102", "E210", "E213")), "codes found: " + codes);
        String reference = Files.readString(ROOT.resolve("docs/dsl-reference.md"));
        Set<String> demonstrated = new TreeSet<>();
        for (Block b : blocks()) {
            Matcher mark = MARK.matcher(b.mark());
            if (mark.matches()) {
                demonstrated.add(mark.group(2));
            }
        }
        List<String> undocumented = codes.stream().filter(code -> !reference.contains("\n### " + code + "\n"))
                .toList();
        assertEquals(List.of(), undocumented, "codes emitted by the sources but without a '### CODE' section in "
                + "docs/dsl-reference.md");
        List<String> withoutExample = codes.stream()
                .filter(code -> !demonstrated.contains(code) && !NOT_DEMONSTRABLE.contains(code)).toList();
        assertEquals(List.of(), withoutExample, "codes without a ```choreo fails=CODE (or warns=CODE) example");
    }

    @Test
    void theReadmeLinksEveryGuide() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                assertTrue(readme.contains("](docs/" + doc.getFileName() + ")"), "README links " + doc.getFileName());
            }
        }
    }
}
