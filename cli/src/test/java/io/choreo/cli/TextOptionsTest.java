package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.choreo.cli.ChoreoCommandTest.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The text counterpart of {@link OptionRangesTest}: walks picocli's model of every subcommand and gives each text
 * option (strings, paths, lists and maps of them) hostile values — a NUL byte, a line break, an empty key, a
 * directory where a file is read, a 10,000-character value. Each run ends (at most 60 s) with exit 0 to 3 and, when it
 * fails, one {@code choreo: …} line first and no exception or stack trace. Commands that serve until stopped
 * ({@code node} without {@code --run}, {@code console}, {@code lsp}) get only the values that must be refused.
 */
class TextOptionsTest {
    /** Values no option may take silently: they are refused, or (for free text) kept as given. */
    private static final List<String> REFUSED = List.of("a\u0000b", "line\nbreak");

    @TempDir
    Path dir;

    private static CommandLine model() {
        CommandLine cli = new CommandLine(new ChoreoCommand());
        cli.registerConverter(Duration.class, new Durations());
        cli.registerConverter(Path.class, new FileNames());
        return cli;
    }

    private static boolean text(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp() || OptionRanges.numeric(option) || option.arity().max() == 0) {
            return false;
        }
        Class<?> type = option.type();
        Class<?>[] aux = option.auxiliaryTypes();
        Class<?> element = Map.class.isAssignableFrom(type) && aux.length > 1 ? aux[1]
                : List.class.isAssignableFrom(type) && aux.length > 0 ? aux[0] : type;
        return element == String.class || element == Path.class;
    }

    private List<String> values(String command, OptionSpec option) {
        List<String> values = new ArrayList<>(REFUSED);
        if (!Set.of("node", "console", "lsp").contains(command)) {
            values.addAll(List.of("", "x".repeat(10_000), dir.toString()));
        }
        if (Map.class.isAssignableFrom(option.type())) {
            values.replaceAll(v -> "Buyer=" + v);
            values.addAll(List.of("=1", "noequals"));
        }
        return values;
    }

    @Test
    void everyTextOptionEndsWithATypedErrorOrAResult() throws Exception {
        int checked = 0;
        for (CommandLine sub : model().getSubcommands().values()) {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (!text(option)) {
                    continue;
                }
                for (String value : values(sub.getCommandName(), option)) {
                    List<String> args = OptionRangesTest.line(sub, option, value, dir);
                    String what = shown(args);
                    CompletableFuture<Run> run = CompletableFuture.supplyAsync(
                            () -> ChoreoCommandTest.run(args.toArray(String[]::new)));
                    Run r;
                    try {
                        r = run.get(60, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        fail(what + ": still running after 60 s");
                        return;
                    }
                    String said = what + " → exit " + r.exit() + "\n" + r.out() + r.err();
                    assertTrue(r.exit() >= 0 && r.exit() <= 3, said);
                    if (r.exit() != 0 && r.exit() != 3) {
                        assertTrue(r.err().startsWith("choreo: ") || r.err().contains("error["), said);
                    }
                    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), said);
                    checked++;
                }
            }
        }
        assertTrue(checked > 60, "checked " + checked + " option values");
    }

    private static String shown(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.length() > 40 ? a.substring(0, 20) + "…(" + a.length() + " chars)" : a.replace("\n", "\\n")
                    .replace("\u0000", "\\0"));
        }
        return String.join(" ", out);
    }
}
