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
 * (default 10,1000,100000), {@code simulate} included (at most {@code -Dchoreo.sweep.simulate-max} messages, no
 * limit by default). Protocols are sequences between two roles ({@code seq}) and, for the compiler's passes over
 * choices (the merge of projection, the checker), the same messages inside
 * {@code rec L { choice A { … continue L; } … }} with a third role that must merge ({@code rec}).
 */
class SizeSweepTest {
    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("choreo.sweep.sizes",
            "10,1000,100000").split(",")).map(String::trim).map(Integer::parseInt).toList();
    private static final int SIMULATE_MAX = Integer.getInteger("choreo.sweep.simulate-max", Integer.MAX_VALUE);

    @TempDir
    static Path dir;

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (int n : SIZES) {
            for (String command : List.of("check", "project", "graph", "run", "node")) {
                out.add(new Object[] {command, "seq", n});
            }
            if (n <= SIMULATE_MAX) {
                out.add(new Object[] {"simulate", "seq", n});
            }
            for (String command : List.of("check", "project", "graph")) {
                out.add(new Object[] {command, "rec", n});
            }
        }
        return out;
    }

    /** {@code n} messages alternating between A and B, as a sequence or inside a recursive choice. */
    static Path protocol(String shape, int n) throws Exception {
        Path file = dir.resolve(shape + n + ".choreo");
        if (!Files.exists(file)) {
            boolean rec = shape.equals("rec");
            StringBuilder b = new StringBuilder("choreography Seq {\n  roles: A, B" + (rec ? ", C" : "") + ";\n");
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
