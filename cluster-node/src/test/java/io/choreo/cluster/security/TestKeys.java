package io.choreo.cluster.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key stores made for a test with the JDK's {@code keytool} (as docs/tls-and-console-auth.md shows), in a temporary
 * directory: nothing secret is checked in. Each {@link #identity} is a self-signed key pair in its own PKCS12 store.
 */
public final class TestKeys {
    /** The password of every store made here, and the file holding it (mode 600). */
    public static final String PASSWORD = "test-password-" + Long.toHexString(System.nanoTime());

    private final Path dir;
    private final Path passwordFile;

    public TestKeys() throws IOException {
        dir = Files.createTempDirectory("choreo-keys");
        passwordFile = dir.resolve("password");
        secret(passwordFile, PASSWORD);
    }

    public Path dir() {
        return dir;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    /** Writes {@code text} to {@code file}, readable by its owner only. */
    public static Path secret(Path file, String text) throws IOException {
        Files.writeString(file, text + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** {@code name}.p12: a new self-signed key pair for CN={@code name} (and SAN localhost, 127.0.0.1). */
    public Path identity(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** {@code name}.p12: a trust store holding the certificates of the given identities. */
    public Path trustStore(String name, Path... identities) throws Exception {
        Path store = dir.resolve(name + ".p12");
        for (Path identity : identities) {
            String alias = identity.getFileName().toString().replace(".p12", "");
            Path cert = dir.resolve(alias + ".crt");
            keytool("-exportcert", "-alias", alias, "-keystore", identity.toString(), "-storepass", PASSWORD,
                    "-rfc", "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-keystore",
                    store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
