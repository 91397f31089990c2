package io.choreo.cli;

import io.choreo.persistence.config.JournalCredentials;
import io.choreo.persistence.config.JournalDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/**
 * {@code --journal PATH}: the H2 journal file of {@code run} (which writes it) and of {@code audit} and
 * {@code console} (which read it). The journal is embedded: one process has it open at a time, and no port opens.
 */
final class JournalOption {
    /** H2's error code for a database file another process has open. */
    private static final int IN_USE = 90020;

    @Option(names = "--journal", paramLabel = "PATH", defaultValue = "data/journal",
            description = "H2 journal database file (default data/journal; H2 adds .mv.db).")
    Path journal;

    /**
     * Checks that the journal can be opened for writing before any actor system starts: an unwritable directory or
     * a database that cannot be opened (in use, corrupt, read-only) is a one-line usage error, not stack traces
     * and a hang.
     */
    void check() {
        check(journal);
    }

    /** {@link #check()} for the journal {@code journal} (also {@code node}'s, which names its own option). */
    static void check(Path journal) {
        Path file = journal.toAbsolutePath();
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new UsageError("--journal " + journal + ": cannot create the directory " + dir + " ("
                    + reason(e) + ")");
        }
        Path db = Path.of(file + ".mv.db");
        if (!Files.isWritable(dir) || Files.exists(db) && !Files.isWritable(db)) {
            throw new UsageError("--journal " + journal + ": " + (Files.exists(db) ? db : dir) + " is not writable");
        }
        JournalCredentials login;
        try {
            login = JournalCredentials.of(file);
        } catch (IllegalStateException e) {
            throw new UsageError("--journal " + journal + ": " + reason(e));
        }
        probe(journal, JournalDatabase.h2FileUrl(file), login, false);
    }

    /** Checks that the journal exists, has its tables and can be opened read-only now (no other process has it). */
    void checkReadable() {
        Path file = journal.toAbsolutePath();
        if (!Files.exists(Path.of(file + ".mv.db"))) {
            throw new UsageError("--journal " + journal + ": there is no journal " + file + ".mv.db");
        }
        probe(journal, JournalDatabase.h2FileUrl(file) + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE",
                JournalCredentials.existing(file), true);
    }

    /**
     * Opens the journal once; it stays open in this JVM ({@code DB_CLOSE_DELAY=-1}), so its file lock is this
     * process's until it ends and no other process can take the journal between this check and the actor system.
     */
    private static void probe(Path journal, String url, JournalCredentials login, boolean needsTables) {
        DriverManager.setLoginTimeout(10);
        try (Connection c = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", login.user(),
                login.password())) {
            var tables = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'event_journal'");
            if (needsTables && tables.next() && tables.getLong(1) == 0) {
                throw new UsageError("--journal " + journal + ": the journal has no sessions yet (the process that "
                        + "created it ended before writing any)");
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == IN_USE) {
                throw new UsageError("--journal " + journal + ": the journal is in use by another process (a "
                        + "running choreo run, node or console); an H2 journal is opened by one process at a time. "
                        + "Read a running node's sessions in its console (choreo node --console-port P), or run this "
                        + "again once that process ended");
            }
            throw new UsageError("--journal " + journal + ": the journal cannot be opened (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.replaceAll(" \\[\\d+-\\d+\\]$", "").replace("IO Exception: ", "cannot read ")
                .replace("General error: ", "");
    }
}
