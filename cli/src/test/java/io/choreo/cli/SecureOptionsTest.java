package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.cli.ChoreoCommandTest.Run;
import io.choreo.cluster.security.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's and the cluster's security options on the command line: every unsafe or unusable combination is one
 * {@code choreo: …} line and exit 2 before anything listens; a node with the cluster's key runs a session over TLS
 * (one-node cluster on 127.0.0.1:26320, about 15 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureOptionsTest {
    TestKeys keys;
    Path key;
    Path trust;
    Path token;
    Path openToken;

    @BeforeAll
    void keys() throws Exception {
        keys = new TestKeys();
        key = keys.identity("node");
        trust = keys.trustStore("trust", key);
        token = TestKeys.secret(keys.dir().resolve("token"), "a-console-token-of-some-length");
        openToken = Files.writeString(keys.dir().resolve("open-token"), "a-console-token-of-some-length\n");
        Files.setPosixFilePermissions(openToken, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void unsafeOrUnusableSettingsAreOneLineAndExitTwo() {
        String pw = keys.passwordFile().toString();
        List<String> node = List.of("node", "--port", "26398", "--seeds", "127.0.0.1:26398");
        record Case(List<String> args, String expected) {
        }
        List<Case> cases = List.of(
                new Case(List.of("console", "--host", "0.0.0.0", "--port", "26397"), "would serve 0.0.0.0"),
                new Case(List.of("console", "--token-file", openToken.toString()), "other users may read"),
                new Case(List.of("console", "--token-file", keys.dir().resolve("none").toString()), "no such file"),
                new Case(List.of("console", "--tls-keystore", key.toString()), "needs both a key store"),
                new Case(List.of("console", "--tls-keystore", trust.toString(), "--tls-password-file", pw),
                        "holds no private key"),
                new Case(concat(node, "--console-port", "26396", "--console-host", "0.0.0.0"), "would serve 0.0.0.0"),
                new Case(concat(node, "--console-token-file", token.toString()), "need --console-port"),
                new Case(concat(node, "--tls-keystore", key.toString()), "go together"),
                new Case(concat(node, "--tls-keystore", key.toString(), "--tls-truststore", trust.toString(),
                        "--tls-password-file", token.toString()), "wrong password"),
                new Case(concat(node, "--tls-keystore", keys.dir().resolve("none.p12").toString(),
                        "--tls-truststore", trust.toString(), "--tls-password-file", pw), "no such file"));
        for (Case c : cases) {
            CliInputTest.assertUsageError(ChoreoCommandTest.run(c.args().toArray(String[]::new)), c.expected());
        }
    }

    @Test
    void aNodeWithTheClusterKeyRunsASessionOverTls(@TempDir Path dir) {
        Run r = ChoreoCommandTest.run("node", "--port", "26320", "--seeds", "127.0.0.1:26320", "--members", "1",
                "--journal", dir.resolve("journal").toString(), "--protocols", ChoreoCommandTest.example(
                        "negotiation.choreo"), "--run", ChoreoCommandTest.example("negotiation.choreo"),
                "--tls-keystore", key.toString(), "--tls-truststore", trust.toString(), "--tls-password-file",
                keys.passwordFile().toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("(TLS, mutual authentication)"), r.out());
        assertTrue(r.out().contains("completed Negotiation across the cluster"), r.out());
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }
}
