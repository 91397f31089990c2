package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** The TextMate grammar under {@code editors/} is valid and knows the DSL's keywords and annotation keys. */
class ChoreoGrammarTest {
    private static final Path EDITORS = Path.of(System.getProperty("choreo.root", "..")).resolve("editors/textmate");

    @Test
    void grammarIsValidJsonWithCompilingRegexesAndTheVsCodeManifestPointsAtIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode grammar = json.readTree(EDITORS.resolve("choreo.tmLanguage.json").toFile());
        assertEquals("source.choreo", grammar.get("scopeName").asText());
        List<String> regexes = new ArrayList<>();
        collect(grammar, regexes);
        assertTrue(regexes.size() > 30, "regexes: " + regexes.size());
        for (String regex : regexes) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new AssertionError("invalid regex in the grammar: " + regex, e);
            }
        }
        for (JsonNode include : grammar.findValues("include")) {
            String name = include.asText().substring(1);
            assertTrue(grammar.get("repository").has(name), "include of an undefined rule: " + name);
        }
        JsonNode manifest = json.readTree(EDITORS.resolve("package.json").toFile());
        JsonNode contributed = manifest.get("contributes").get("grammars").get(0);
        assertEquals("source.choreo", contributed.get("scopeName").asText());
        assertTrue(Files.isRegularFile(EDITORS.resolve(contributed.get("path").asText())));
        json.readTree(EDITORS.resolve("language-configuration.json").toFile());
    }

    @Test
    void grammarHighlightsEveryKeywordAndAnnotationKey() throws Exception {
        String grammar = Files.readString(EDITORS.resolve("choreo.tmLanguage.json"));
        for (String word : List.of("choreography", "protocol", "roles", "choice", "loop", "parallel", "and", "rec",
                "continue", "call", "when", "count", "decides", "namespace", "true", "false", "guard_capability",
                "flow_cost", "journal_facts", "journal_merge", "within", "timeout")) {
            assertTrue(grammar.contains(word), "the grammar knows " + word);
        }
    }

    private static void collect(JsonNode node, List<String> regexes) {
        node.fields().forEachRemaining(e -> {
            if ((e.getKey().equals("match") || e.getKey().equals("begin") || e.getKey().equals("end"))
                    && e.getValue().isTextual()) {
                regexes.add(e.getValue().asText());
            } else {
                collect(e.getValue(), regexes);
            }
        });
        if (node.isArray()) {
            node.forEach(child -> collect(child, regexes));
        }
    }
}
