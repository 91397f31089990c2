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
 * (default 10,1000,100000); the simulator runs at most {@code -Dchoreo.sweep.simulate-max} (default 1000) messages,
 * since it advances one network step at a time.
 */
class SizeSweepTest {
    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("choreo.sweep.sizes",
            "10,1000,100000").split(",")).map(String::trim).map(Integer::parseInt).toList();
    private static final int SIMULATE_MAX = Integer.getInteger("choreo.sweep.simulate-max", 1000);

    @TempDir
    static Path dir;

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (int n : SIZES) {
            out.add(new Object[] {"check", n});
            out.add(new Object[] {"project", n});
            out.add(new Object[] {"graph", n});
            out.add(new Object[] {"run", n});
            out.add(new Object[] {"node", n});
            if (n <= SIMULATE_MAX) {
                out.add(new Object[] {"simulate", n});
            }
        }
        return out;
    }

    /** {@code n} messages alternating between A and B. */
    static Path protocol(int n) throws Exception {
        Path file = dir.resolve("seq" + n + ".choreo");
        if (!Files.exists(file)) {
            StringBuilder b = new StringBuilder("choreography Seq {\n  roles: A, B;\n");
            for (int i = 0; i < n; i++) {
                b.append(i % 2 == 0 ? "  A -> B: M;\n" : "  B -> A: R;\n");
            }
            Files.writeString(file, b.append("}\n").toString());
        }
        return file;
    }

    @ParameterizedTest(name = "{0} of {1} messages")
    @MethodSource("cases")
    void sequentialProtocolsOfEverySizeGoThrough(String command, int n) throws Exception {
        String file = protocol(n).toString();
        String journal = dir.resolve("journal-" + command + n).toString();
        List<String> args = switch (command) {
            case "run" -> List.of("run", "--timeout", "600s", "--journal", journal, file);
            case "node" -> List.of("node", "--port", String.valueOf(26_100 + n % 97), "--seeds",
                    "127.0.0.1:" + (26_100 + n % 97), "--members", "1", "--timeout", "600s", "--journal", journal, "--protocols", file,
                    "--run", file);
            case "simulate" -> List.of("simulate", "--timeout", "600s", file);
            default -> List.of(command, file);
        };
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss512k", "-Xmx768m", "-XX:+UseSerialGC", "-Dchoreo.large-stack=false", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ChoreoCommand.class.getName()));
        line.addAll(args);
        Path log = dir.resolve(command + n + ".log");
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
    }
}
