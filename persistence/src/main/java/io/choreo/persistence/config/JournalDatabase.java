package io.choreo.persistence.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * Configuration of the JDBC journal (pekko-persistence-jdbc): an embedded H2 file database by default, or PostgreSQL.
 * The config goes in front of an actor system's configuration; {@link #createSchema} creates the tables if missing.
 */
public final class JournalDatabase {
    private JournalDatabase() {
    }

    /**
     * How large a journal row's payload may be and still be kept in the row: H2 stores a larger BLOB apart, in its
     * LOB store, at several times the cost of a write (H2's default, 256 bytes, is less than most events with a
     * payload and facts).
     */
    static final int INPLACE_PAYLOAD_BYTES = 4096;

    /**
     * An H2 database in {@code file} (created on first use; {@code .mv.db} is appended by H2), embedded: it opens no
     * network port, and only this process opens the file while it runs (H2 locks it; actor systems of one JVM share
     * it). The login is {@link JournalCredentials#of generated} and kept owner-only next to the file.
     */
    public static Config h2(Path file) {
        JournalCredentials login = JournalCredentials.of(file);
        // WRITE_DELAY=0: a commit reaches the file before the write is acknowledged (H2's default keeps up to a
        // second of commits in memory, which a SIGKILL loses while the participants have already acted on them)
        return database("slick.jdbc.H2Profile$", "org.h2.Driver", h2FileUrl(file) + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0",
                login.user(), login.password());
    }

    /**
     * The H2 journal {@code file} opened read-only, for a process that reads a journal no other process has open
     * ({@code choreo audit}, {@code choreo console --journal}): it must exist, nothing is written, and a process
     * that opens it for writing meanwhile is refused until this one ends. Do not {@link #createSchema} on it.
     */
    public static Config h2ReadOnly(Path file) {
        JournalCredentials login = JournalCredentials.existing(file);
        return database("slick.jdbc.H2Profile$", "org.h2.Driver",
                h2FileUrl(file) + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE", login.user(), login.password());
    }

    /** The embedded H2 URL of the journal {@code file}, without per-use settings. */
    public static String h2FileUrl(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath().toString().replace('\\', '/')
                + ";MAX_LENGTH_INPLACE_LOB=" + INPLACE_PAYLOAD_BYTES;
    }

    /**
     * An H2 database served by an H2 TCP server on {@code host:port} (file {@code file} on the server's machine), for
     * processes that share one H2 journal in tests; the server is the caller's to run (local connections only, never
     * started by Choreo), and {@code login} is the journal's ({@link JournalCredentials#of}). Production clusters use
     * PostgreSQL.
     */
    public static Config h2Server(String host, int port, Path file, JournalCredentials login) {
        String url = "jdbc:h2:tcp://" + host + ":" + port + "/" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1"
                + ";MAX_LENGTH_INPLACE_LOB=" + INPLACE_PAYLOAD_BYTES;
        return database("slick.jdbc.H2Profile$", "org.h2.Driver", url, login.user(), login.password());
    }

    /** A PostgreSQL database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/choreo}. */
    public static Config postgres(String url, String user, String password) {
        return database("slick.jdbc.PostgresProfile$", "org.postgresql.Driver", url, user, password);
    }

    /**
     * PostgreSQL from {@code CHOREO_PG_URL}, {@code CHOREO_PG_USER} and {@code CHOREO_PG_PASSWORD} if the URL is set,
     * else H2 in {@code h2File}.
     */
    public static Config fromEnvironment(Path h2File) {
        String url = System.getenv("CHOREO_PG_URL");
        if (url == null || url.isBlank()) {
            return h2(h2File);
        }
        return postgres(url, System.getenv().getOrDefault("CHOREO_PG_USER", "choreo"),
                System.getenv().getOrDefault("CHOREO_PG_PASSWORD", "choreo"));
    }

    private static Config database(String profile, String driver, String url, String user, String password) {
        return ConfigFactory.parseString("""
                pekko.persistence.journal.plugin = "jdbc-journal"
                pekko.persistence.snapshot-store.plugin = "jdbc-snapshot-store"
                jdbc-journal.use-shared-db = "choreo"
                jdbc-snapshot-store.use-shared-db = "choreo"
                # every actor with a write in flight holds a place in the journal's write queue, and a write that
                # finds it full fails (its actor restarts): 1,000 sessions at once have 2,000 (a claim and a
                # participant each); the default is 1,000
                jdbc-journal.bufferSize = 20000
                jdbc-read-journal.use-shared-db = "choreo"
                jdbc-read-journal.refresh-interval = 200ms
                choreo.persistence.read-journal = "jdbc-read-journal"
                choreo.runtime.session-listeners.session-log = "io.choreo.persistence.session.SessionLog"
                pekko-persistence-jdbc.shared-databases.choreo {
                  profile = "%s"
                  db {
                    connectionPool = "HikariCP"
                    url = "%s"
                    user = "%s"
                    password = "%s"
                    driver = "%s"
                    numThreads = 4
                    maxConnections = 4
                    minConnections = 1
                  }
                }
                """.formatted(profile, url.replace("\\", "/"), user, password, driver));
    }

    /** Creates the journal tables if they do not exist yet. */
    public static CompletionStage<Done> createSchema(ClassicActorSystemProvider system) {
        return SchemaUtils.createIfNotExists(system);
    }
}
