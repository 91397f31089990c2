package io.choreo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/** {@code --journal PATH}: the H2 journal file shared by {@code run} and {@code audit}. */
final class JournalOption {
    @Option(names = "--journal", paramLabel = "PATH", defaultValue = "data/journal",
            description = "H2 journal database file (default data/journal; H2 adds .mv.db).")
    Path journal;

    /**
     * Checks that the journal can be opened for writing before any actor system starts: an unwritable directory or
     * a database that cannot be opened (locked, corrupt, read-only) is a one-line usage error, not stack traces
     * and a hang.
     */
    void check() {
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
        try {
            Class.forName("org.h2.Driver");
            DriverManager.setLoginTimeout(10);
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + file.toString().replace('\\', '/')
                    + ";AUTO_SERVER=TRUE;FILE_LOCK=FILE;IFEXISTS=FALSE", "sa", "")) {
                c.createStatement().execute("SELECT 1");
            }
        } catch (SQLException | ClassNotFoundException e) {
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
