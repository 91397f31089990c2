package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution runs without a checkout: {@code bin/choreo} of the unpacked archive, started as a
 * process from an unrelated directory (3 JVM starts, about 3 s).
 */
class DistributionIT {
    private static final Path HOME = Path.of(System.getProperty("choreo.distribution"));

    record Result(int exit, String out) {
    }

    static Result choreo(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/choreo").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "choreo ended");
        return new Result(p.exitValue(), out);
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarsTheDocsAndTheExamples() throws IOException {
        assertTrue(Files.isExecutable(HOME.resolve("bin/choreo")));
        assertTrue(Files.isRegularFile(HOME.resolve("lib/choreo-cli-" + System.getProperty("choreo.version") + ".jar")));
        assertTrue(Files.isRegularFile(HOME.resolve("docs/dsl-reference.md")));
        assertTrue(Files.isRegularFile(HOME.resolve("examples/negotiation.choreo")));
        assertTrue(Files.isRegularFile(HOME.resolve("editors/textmate/choreo.tmLanguage.json")));
        assertTrue(Files.exists(HOME.resolve("../../choreo-" + System.getProperty("choreo.version") + ".zip")));
    }

    @Test
    void versionAndCheckRunFromAnyDirectory(@TempDir Path cwd) throws Exception {
        Result version = choreo(cwd, "--version");
        assertEquals(0, version.exit(), version.out());
        assertTrue(version.out().startsWith("choreo " + System.getProperty("choreo.version") + "\n"), version.out());
        Files.copy(HOME.resolve("examples/negotiation.choreo"), cwd.resolve("n.choreo"));
        Result check = choreo(cwd, "check", "n.choreo");
        assertEquals(0, check.exit(), check.out());
        assertTrue(check.out().contains("n.choreo: Negotiation ok (2 roles), deadlock-free"), check.out());
        Files.writeString(cwd.resolve("bad.choreo"), "choreography X { roles: A, B; A -> C: M; }\n");
        Result bad = choreo(cwd, "check", "bad.choreo");
        assertEquals(1, bad.exit(), bad.out());
        assertTrue(bad.out().contains("bad.choreo:1:36: error[E102]: undefined role 'C'"), bad.out());
    }
}
