package io.choreo.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.ast.Choreography;
import io.choreo.dsl.ast.Deadline;
import io.choreo.dsl.ast.Statement;
import io.choreo.dsl.print.PrettyPrinter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code choice R within <deadline> { … timeout: { … } }}: units, variables, errors and the pretty-printer. */
class DeadlineParseTest {

    private static String timed(String deadline) {
        return "choreography T { roles: A, B; choice B within " + deadline
                + " { r: { A -> B: R; } timeout: { A -> B: R; B -> A: Late; } } }";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"250ms, PT0.25S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "5 s, PT5S"})
    void parsesEachUnit(String text, String iso) {
        Choreography c = ParserTest.parseOne(timed(text));
        Statement.Choice choice = assertInstanceOf(Statement.Choice.class, c.body().get(0));
        Deadline.Fixed d = assertInstanceOf(Deadline.Fixed.class, choice.deadline().orElseThrow());
        assertEquals(Duration.parse(iso), d.duration());
    }

    @Test
    void aDeadlineMayBeAVariable() {
        Choreography c = ParserTest.parseOne(timed("vote_deadline"));
        Statement.Choice choice = (Statement.Choice) c.body().get(0);
        assertEquals(new Deadline.Variable("vote_deadline", choice.deadline().get().span()), choice.deadline().get());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no deadline    | E075 | }
            no unit        | E076 | 5 {
            unknown unit   | E076 | 5days {
            zero           | E077 | 0s {
            """)
    void reportsBadDeadlines(String kind, String code, String deadline) {
        ParseResult r = Dsl.parse("bad.choreo", "choreography T { roles: A, B; choice B within " + deadline
                + " r: { A -> B: R; } } }");
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals(code)), () -> kind + "\n" + r.render());
        assertTrue(r.render().contains("bad.choreo:1:"), r::render);
    }

    @Test
    void prettyPrintsAndReparsesTimedChoices() {
        for (String deadline : new String[] {"250ms", "5s", "90s", "2m", "1h", "ttl"}) {
            Choreography c = ParserTest.parseOne(timed(deadline));
            String printed = PrettyPrinter.print(c);
            String expected = deadline.equals("90s") ? "within 90s" : "within " + deadline;
            assertTrue(printed.contains("choice B " + expected + " {"), printed);
            assertEquals(printed, PrettyPrinter.print(ParserTest.parseOne(printed)));
        }
    }
}
