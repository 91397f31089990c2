package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cli.ChoreoCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Walks picocli's model of every subcommand: each numeric option has a declared range, and hostile values (text,
 * overflow, one past each end of the range, huge durations) are one {@code choreo: …} line and exit 2, before
 * anything runs. Every subcommand's {@code --help} prints its usage and exits 0. Input files must be regular files
 * under the size cap.
 */
class OptionRangesTest {
    private static final List<String> FOREVER = List.of("garbage", "99999999999999999999", "-99999999999999999999",
            "", "1e9", "0x10");

    @TempDir
    Path dir;

    private static CommandLine model() {
        CommandLine cli = new CommandLine(new ChoreoCommand());
        cli.registerConverter(Duration.class, new Durations());
        return cli;
    }

    /** The command line of {@code sub} with {@code option value} and harmless values for what it requires. */
    private List<String> line(CommandLine sub, OptionSpec option, String value) {
        return line(sub, option, value, dir);
    }

    /**
     * The command line of {@code sub} with {@code option value}, harmless values (under {@code dir}) for what it
     * requires, a journal under {@code dir} (not {@code ./data} of the module) and the example protocol(s) it reads.
     */
    static List<String> line(CommandLine sub, OptionSpec option, String value, Path dir) {
        List<String> args = new ArrayList<>(List.of(sub.getCommandName(), option.longestName(), value));
        for (OptionSpec other : sub.getCommandSpec().options()) {
            if (other.required() && other != option) {
                args.add(other.longestName());
                args.add(Map.of("--port", "26391", "--seeds", "127.0.0.1:26391")
                        .getOrDefault(other.longestName(), dir.resolve("out").toString()));
            }
        }
        if (sub.getCommandSpec().findOption("--journal") != null && !option.longestName().equals("--journal")) {
            args.addAll(List.of("--journal", dir.resolve("journal").toString()));
        }
        if (sub.getCommandName().equals("diff")) {
            args.add(ChoreoCommandTest.example("negotiation.choreo"));
        }
        if (!sub.getCommandSpec().positionalParameters().isEmpty()) {
            args.add(ChoreoCommandTest.example("negotiation.choreo"));
        }
        return args;
    }

    private static List<String> hostile(OptionSpec option, OptionRanges.Range range) {
        List<String> values = new ArrayList<>(FOREVER);
        if (option.type() == Duration.class) {
            values.addAll(List.of("P999999999D", "PT-1S", "0s", "P8D", "-5ms"));
        } else {
            if (range.min() > Long.MIN_VALUE) {
                values.add(String.valueOf(range.min() - 1));
            }
            if (range.max() < Long.MAX_VALUE) {
                values.add(String.valueOf(range.max() + 1));
            }
        }
        if (Map.class.isAssignableFrom(option.type())) {
            values.replaceAll(v -> "X=" + v);
        }
        return values;
    }

    @Test
    void everyNumericOptionHasARangeAndRefusesHostileValues() {
        int checked = 0;
        for (CommandLine sub : model().getSubcommands().values()) {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (!OptionRanges.numeric(option)) {
                    continue;
                }
                OptionRanges.Range range = OptionRanges.RANGES.get(option.longestName());
                assertNotNull(range, "choreo " + sub.getCommandName() + " " + option.longestName()
                        + " has no range in OptionRanges.RANGES");
                for (String value : hostile(option, range)) {
                    List<String> args = line(sub, option, value);
                    assertUsageError(ChoreoCommandTest.run(args.toArray(String[]::new)), args);
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked + " option values");
    }

    @Test
    void nodeRefusesSeedsThatAreNoHostAndPort() {
        for (String seeds : List.of("garbage", "host:", ":2551", "host:99999", "host:-1", "a:1,b", "")) {
            List<String> args = List.of("node", "--port", "2551", "--seeds", seeds);
            assertUsageError(ChoreoCommandTest.run(args.toArray(String[]::new)), args);
        }
    }

    @Test
    void numbersInsideFaultSpecsAreRangeChecked() {
        for (String faults : List.of("delay=99999999999999999", "delay=-1", "partition=Buyer@-5-10",
                "crash=Buyer@99999999999", "drop=1e400")) {
            List<String> args = List.of("simulate", "--faults", faults, ChoreoCommandTest.example("negotiation.choreo"));
            assertUsageError(ChoreoCommandTest.run(args.toArray(String[]::new)), args);
        }
    }

    @Test
    void everySubcommandPrintsItsHelp() {
        for (CommandLine sub : model().getSubcommands().values()) {
            for (String flag : List.of("--help", "-h")) {
                Run r = ChoreoCommandTest.run(sub.getCommandName(), flag);
                assertEquals(0, r.exit(), sub.getCommandName() + " " + flag + ": " + r.err());
                assertTrue(r.out().contains("Usage: choreo " + sub.getCommandName()), r.out());
            }
        }
    }

    @Test
    void inputFilesMustBeRegularFilesUnderTheCap() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        for (String command : List.of("check", "project", "graph", "run", "simulate")) {
            for (String file : List.of("/dev/zero", "/dev/urandom", fifo.toString(), "/dev/null")) {
                Run r = ChoreoCommandTest.run(command, file);
                assertEquals(2, r.exit(), command + " " + file + ": " + r.out() + r.err());
                assertEquals("choreo: " + file + ": not a regular file (only regular .choreo files are read)",
                        r.err().strip(), command + " " + file);
            }
        }
        Path big = dir.resolve("big.choreo");
        Files.writeString(big, "// " + "x".repeat(2000) + "\n");
        String before = System.getProperty(io.choreo.dsl.source.SourceFile.MAX_BYTES_PROPERTY);
        System.setProperty(io.choreo.dsl.source.SourceFile.MAX_BYTES_PROPERTY, "1000");
        try {
            Run r = ChoreoCommandTest.run("check", big.toString());
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().startsWith("choreo: " + big + ": larger than 1000 bytes"), r.err());
        } finally {
            if (before == null) {
                System.clearProperty(io.choreo.dsl.source.SourceFile.MAX_BYTES_PROPERTY);
            } else {
                System.setProperty(io.choreo.dsl.source.SourceFile.MAX_BYTES_PROPERTY, before);
            }
        }
    }

    private static void assertUsageError(Run r, List<String> args) {
        String what = String.join(" ", args) + " → exit " + r.exit() + "\n" + r.out() + r.err();
        assertEquals(2, r.exit(), what);
        List<String> lines = r.err().lines().toList();
        assertTrue(!lines.isEmpty() && lines.get(0).startsWith("choreo: "), what);
        assertTrue(lines.stream().filter(l -> l.startsWith("choreo: ")).count() == 1, what);
        assertFalse(r.err().contains("Exception") || r.err().contains("java.") || r.err().contains("\tat "), what);
    }
}
