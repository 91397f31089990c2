package io.choreo.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.choreo.dsl.print.PrettyPrinter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example and every shared corpus file parses without errors and survives a print/re-parse round trip. */
class CorpusParseTest {

    static Stream<Path> corpus() {
        return TestCorpus.allFiles();
    }

    @Test
    void examplesHoldEverySeedChoreography() {
        List<Path> examples = TestCorpus.exampleFiles();
        assertTrue(examples.size() >= 16, "examples/ should hold the 16 seed choreographies, found " + examples);
    }

    @Test
    void sharedSeedCorpusIsSweptWhenPresent() {
        List<Path> shared = TestCorpus.sharedFiles();
        assumeTrue(!shared.isEmpty(), "../shared/corpus is not beside this checkout; sweep skipped");
        assertTrue(shared.stream().anyMatch(p -> p.toString().contains("seed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesWithoutErrors(Path file) throws Exception {
        ParseResult result = Dsl.parse(file);
        assertFalse(result.hasErrors(), () -> result.render());
        assertFalse(result.file().choreographies().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void prettyPrintRoundTripsToAnEqualTree(Path file) throws Exception {
        ParseResult first = Dsl.parse(file);
        String printed = PrettyPrinter.print(first.file());
        ParseResult second = Dsl.parse(file + " (printed)", printed);
        assertFalse(second.hasErrors(), () -> printed + "\n" + second.render());
        assertEquals(first.file(), second.file(), printed);
        assertEquals(printed, PrettyPrinter.print(second.file()), "printing is a fixed point");
    }
}
