package io.choreo.cli;

import static io.choreo.cli.ChoreoCommandTest.example;
import static io.choreo.cli.ChoreoCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.choreo.dsl.TestCorpus;
import io.choreo.persistence.config.JournalCredentials;
import io.choreo.persistence.config.JournalDatabase;
import io.choreo.persistence.durable.DurableSessions;
import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.Compiler;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.session.SessionSpec;
import io.choreo.runtime.session.Sessions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded journal opens no port and refuses the old login (sa, empty password); its password is owner-only. */
class JournalSafetyTest {
    /** H2's error code for a wrong user name or password. */
    private static final int WRONG_LOGIN = 28000;

    /** The inodes of the TCP sockets of this JVM that listen (IPv4 and IPv6), from /proc. */
    static Set<String> listeningSockets() throws IOException {
        Set<String> listening = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A")) {   // TCP_LISTEN
                    listening.add(f[9]);
                }
            }
        }
        Set<String> ours = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ours.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        ours.retainAll(listening);
        return ours;
    }

    @Test
    void theSocketSweepSeesAListeningSocket() throws IOException {
        Set<String> before = listeningSockets();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Set<String> during = listeningSockets();
            during.removeAll(before);
            assertEquals(1, during.size(), "the sweep finds the one socket this test opened: " + during);
        }
    }

    @Test
    void aSessionOnTheEmbeddedJournalListensOnNoPort(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        Set<String> before = listeningSockets();
        CompiledProtocol protocol = Compiler.compile(TestCorpus.examples().resolve("negotiation.choreo"))
                .protocol(null);
        try (EmbeddedNode node = EmbeddedNode.writing(journal)) {
            SessionOutcome outcome = Sessions.run(node.system, DurableSessions.durable(SessionSpec.of(protocol)
                    .withSessionId("no-port")), node.system).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertInstanceOf(SessionOutcome.SessionCompleted.class, outcome);
            Set<String> during = listeningSockets();
            during.removeAll(before);
            assertEquals(Set.of(), during, "sockets this JVM listens on while the session's journal is open");
            assertTrue(Files.list(dir).noneMatch(f -> f.toString().endsWith(".lock.db")), "no auto-server lock file");
        }
    }

    @Test
    void theJournalRefusesTheOldLoginAndItsPasswordIsOwnerOnly(@TempDir Path dir) throws Exception {
        String journal = dir.resolve("journal").toString();
        ChoreoCommandTest.Run r = run("run", example("negotiation.choreo"), "--journal", journal, "--session", "s1");
        assertEquals(0, r.exit(), r.out() + r.err());
        Path passwordFile = JournalCredentials.passwordFile(Path.of(journal));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                JournalDatabase.h2FileUrl(Path.of(journal)) + ";IFEXISTS=TRUE", "sa", "").close());
        assertEquals(WRONG_LOGIN, refused.getErrorCode(), refused.getMessage());
        ChoreoCommandTest.Run audit = run("audit", "s1", "--journal", journal);
        assertEquals(0, audit.exit(), audit.out() + audit.err());
    }

    @Test
    void aJournalWithTheOldLoginIsMigratedOnFirstOpen(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("old");
        try (Connection c = DriverManager.getConnection(JournalDatabase.h2FileUrl(journal), "sa", "")) {
            c.createStatement().execute("CREATE TABLE kept(x INT)");
            c.createStatement().execute("INSERT INTO kept VALUES (42)");
        }
        JournalCredentials login = JournalCredentials.of(journal);
        assertEquals(JournalCredentials.USER, login.user());
        assertEquals(48, login.password().length(), "a generated password of 24 random bytes");
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                JournalDatabase.h2FileUrl(journal) + ";IFEXISTS=TRUE", "sa", "").close());
        assertEquals(WRONG_LOGIN, refused.getErrorCode());
        try (Connection c = DriverManager.getConnection(JournalDatabase.h2FileUrl(journal), login.user(),
                login.password())) {
            var rows = c.createStatement().executeQuery("SELECT x FROM kept");
            assertTrue(rows.next());
            assertEquals(42, rows.getInt(1));
        }
        assertEquals(login, JournalCredentials.of(journal), "the password is settled once");
    }
}
