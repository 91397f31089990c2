package io.choreo.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A session of 1,000,000 messages runs in a 256 MB heap: the session keeps only the first trace events (the trace
 * is bounded) and counts the rest. Runs in a separate JVM with {@code -Xmx256m} (about 10–30 s on 2 cores).
 */
class LongSessionTest {

    @Test
    void aMillionMessageSessionRunsIn256Megabytes() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = Files.createTempFile("million", ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath, MillionMessages.class.getName(), "500000")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        assertTrue(ended, "the session did not end within 120 s: " + lines);
        assertEquals(0, p.exitValue(), () -> String.join(File.separator.equals("/") ? "\n" : "\r\n", lines));
        String result = lines.stream().filter(l -> l.startsWith("messages=")).findFirst().orElseThrow();
        assertTrue(result.startsWith("messages=1000001 traced=10000 "), result);
    }
}
