package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocols of n sequential interactions through each entry point of the CLI, each in its own JVM with a small stack
 * ({@code -Xss512k}), a small heap and the large-stack fallback switched off ({@code -Dchoreo.large-stack=false}):
 * a walk that recursed along the protocol's length would overflow. Sizes: {@code -Dchoreo.sweep.sizes}
 * (default 1000,100000; small protocols take the same entry points in every other test of this module),
 * {@code simulate} included. Every entry point takes the sequences ({@code seq}) at every size except
 * {@code node --run}, which takes at most {@value #NODE_MAX} messages ({@code -Dchoreo.sweep.node-max}): 40 times
 * what a 512 KiB stack holds of any walk that recursed per message, while a one-node cluster session of 100,000
 * durable messages takes two minutes of the suite ({@code -Dchoreo.sweep.node-max=100000} runs it; the durable
 * participants it runs are those {@code run} takes through 100,000). For the compiler's passes over choices (the
 * merge of projection, the checker): up to 50,000 or 10,000 messages inside a choice (see {@link #protocol}).
 */
class SizeSweepTest {
    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("choreo.sweep.sizes",
            "1000,100000").split(",")).map(String::trim).map(Integer::parseInt).toList();
    /**
     * Messages inside {@code rec { choice }} at most: 50,000 are 600,041 states for the deadlock check, 100,000 pass
     * its default state budget.
     */
    private static final int REC_MAX = 50_000;
    /** Messages shared by the branches of a fork at most: a merge builds at most 20,000 sets (one per message). */
    private static final int FORK_MAX = 10_000;
    /** Messages of the session {@code node --run} plays at most. */
    private static final int NODE_MAX = Integer.getInteger("choreo.sweep.node-max", 20_000);

    @TempDir
    static Path dir;

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (int n : SIZES) {
            for (String command : List.of("check", "project", "graph", "run", "simulate")) {
                out.add(new Object[] {command, "seq", n});
            }
            out.add(new Object[] {"node", "seq", Math.min(n, NODE_MAX)});
            for (String shape : List.of("rec", "fork")) {
                for (String command : List.of("check", "project", "graph")) {
                    out.add(new Object[] {command, shape, Math.min(n, shape.equals("rec") ? REC_MAX : FORK_MAX)});
                }
            }
        }
        return out;
    }

    /**
     * {@code n} messages alternating between A and B: a sequence ({@code seq}); inside a recursive choice that a third
     * role must merge ({@code rec}); or as the same messages from B to C in both branches of a choice, which differ
     * only after them ({@code fork}: C's merge steps through all of them).
     */
    static Path protocol(String shape, int n) throws Exception {
        Path file = dir.resolve(shape + n + ".choreo");
        if (!Files.exists(file)) {
            StringBuilder b = new StringBuilder("choreography Seq {\n  roles: A, B" + (shape.equals("seq") ? "" : ", C")
                    + ";\n");
            if (shape.equals("fork")) {
                b.append("  choice A {\n");
                for (String label : List.of("X", "Y")) {
                    b.append("  ").append(label.toLowerCase()).append(": {\n  A -> B: ").append(label).append(";\n");
                    b.append("  B -> C: M;\n".repeat(n)).append("  B -> C: ").append(label).append(";\n  }\n");
                }
                Files.writeString(file, b.append("  }\n}\n").toString());
                return file;
            }
            boolean rec = shape.equals("rec");
            if (rec) {
                b.append("  rec L { choice A { more: {\n  A -> B: More;\n");
            }
            for (int i = 0; i < n; i++) {
                b.append(i % 2 == 0 ? "  A -> B: M;\n" : "  B -> A: R;\n");
            }
            if (rec) {
                b.append("  A -> C: Tick; continue L; }\n  done: { A -> B: Done; A -> C: Stop; } } }\n");
            }
            Files.writeString(file, b.append("}\n").toString());
        }
        return file;
    }

    @ParameterizedTest(name = "{0} of {1}{2}")
    @MethodSource("cases")
    void protocolsOfEverySizeGoThrough(String command, String shape, int n) throws Exception {
        String file = protocol(shape, n).toString();
        String journal = dir.resolve("journal-" + command + shape + n).toString();
        List<String> args = switch (command) {
            case "run" -> List.of("run", "--timeout", "600s", "--journal", journal, file);
            case "node" -> List.of("node", "--port", String.valueOf(26_100 + n % 97), "--seeds",
                    "127.0.0.1:" + (26_100 + n % 97), "--members", "1", "--timeout", "600s", "--journal", journal,
                    "--protocols", file, "--run", file);
            case "simulate" -> List.of("simulate", "--timeout", "600s", file);
            case "check" -> List.of("check", "--check-timeout", "600000", file);
            default -> List.of(command, file);
        };
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss512k", "-Xmx768m", "-XX:+UseSerialGC", "-Dchoreo.large-stack=false", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ChoreoCommand.class.getName()));
        line.addAll(args);
        Path log = dir.resolve(command + shape + n + ".log");
        Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String tail = output.length() > 4000 ? output.substring(output.length() - 4000) : output;
        assertTrue(ended, command + " of " + n + " messages did not end: " + tail);
        assertEquals(0, p.exitValue(), command + " of " + n + " messages: " + tail);
        assertTrue(!output.contains("StackOverflowError") && !output.contains("OutOfMemoryError"), tail);
        if (command.equals("run") || command.equals("node")) {
            assertTrue(output.contains(n + " messages") || output.contains("completed"), tail);
        }
        if (command.equals("simulate")) {
            assertTrue(output.startsWith("Seq seed 1: completed after"), tail);
        }
    }
}
