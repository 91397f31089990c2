package io.choreo.dsl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.diagnostic.Diagnostic;
import io.choreo.dsl.print.PrettyPrinter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation and random-byte testing: whatever the input, the front end returns a result with diagnostics and never
 * throws. Deterministic seeds keep failures reproducible.
 */
class ParserRobustnessTest {
    private static final String[] FRAGMENTS = {"->", "->*", "{", "}", "[", "]", "<", ">", ">>", "(", ")", ";", ":",
        "::", "..", "*", "#[", "\"", "/*", "//", "choice", "loop", "rec", "continue", "call", "protocol", "roles:",
        "when", "&&", "||", "!", "0", "999999999999", "x", "\n", "parallel", "and", "|", "=", "flow_cost", "[*]"};

    @Test
    void mutatedCorpusNeverEscapesTheParser() {
        List<String> seeds = TestCorpus.allFiles().map(TestCorpus::read).toList();
        assertFalse(seeds.isEmpty());
        Random random = new Random(20261124L);
        int withErrors = 0;
        for (int i = 0; i < 6000; i++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            String mutated = mutate(seed, random, 1 + random.nextInt(4));
            ParseResult result = parseSafely("mutant-" + i, mutated);
            if (result.hasErrors()) {
                withErrors++;
                for (Diagnostic d : result.errors()) {
                    assertTrue(d.span().offset() >= 0 && d.span().offset() <= mutated.length(), mutated);
                    assertNotNull(result.render());
                }
            } else {
                String printed = PrettyPrinter.print(result.file());
                assertFalse(Dsl.parse("reprint", printed).hasErrors(), "a valid mutant prints to valid text:\n"
                        + mutated + "\n---\n" + printed);
            }
        }
        assertTrue(withErrors > 1000, "mutations should mostly break the input, broke " + withErrors);
    }

    @Test
    void randomBytesNeverEscapeTheParser() {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            ParseResult r = parseSafely("random-" + i, text);
            assertTrue(r.hasErrors() || !r.file().choreographies().isEmpty());
        }
    }

    private static ParseResult parseSafely(String name, String text) {
        try {
            ParseResult r = Dsl.parse(name, text);
            r.render();
            return r;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parser threw on input:\n" + text, e);
        }
    }

    private static String mutate(String text, Random random, int edits) {
        StringBuilder b = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(8)));
                case 2 -> b.setCharAt(Math.min(at, Math.max(0, b.length() - 1)),
                        (char) (b.length() == 0 ? 'x' : 32 + random.nextInt(95)));
                default -> {
                    int from = random.nextInt(Math.max(1, b.length()));
                    int len = Math.min(20, b.length() - from);
                    b.insert(at, b.substring(from, from + Math.max(0, len)));
                }
            }
        }
        return b.toString();
    }
}
