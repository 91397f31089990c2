package io.choreo.bench;

import com.typesafe.config.Config;
import io.choreo.persistence.config.JournalDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * The journal of a durable benchmark: H2 in a file ({@link JournalDatabase#h2}), or the PostgreSQL the tests use
 * ({@code CHOREO_PG_URL}, {@code CHOREO_PG_USER}, {@code CHOREO_PG_PASSWORD}, the path of
 * {@link JournalDatabase#fromEnvironment}) in a schema of its own, {@value #PG_SCHEMA}, so that emptying it between
 * iterations never touches the tables tests running meanwhile use.
 */
final class BenchJournal {
    private BenchJournal() {
    }

    /** The PostgreSQL schema the benchmarks write to. */
    static final String PG_SCHEMA = "choreo_bench";

    /** The journal configuration for {@code db} ("h2" or "postgres"). */
    static Config config(String db, Path dir) {
        if (db.equals("h2")) {
            return JournalDatabase.h2(dir.resolve("journal"));
        }
        String url = pgUrl();
        return JournalDatabase.postgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA,
                pgUser(), pgPassword());
    }

    /** Why the PostgreSQL rows cannot run, or empty if they can. */
    static Optional<String> postgresUnavailable() {
        if (System.getenv("CHOREO_PG_URL") == null || System.getenv("CHOREO_PG_URL").isBlank()) {
            return Optional.of("CHOREO_PG_URL is not set");
        }
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword())) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("no PostgreSQL at " + pgUrl() + ": " + e.getMessage());
        }
    }

    /** Creates the journal tables (PostgreSQL: a fresh schema, from pekko-persistence-jdbc's own script). */
    static void create(String db, ActorSystem<?> system) throws Exception {
        if (db.equals("h2")) {
            JournalDatabase.createSchema(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
            return;
        }
        String script;
        try (InputStream in = SchemaUtils.class.getClassLoader()
                .getResourceAsStream("schema/postgres/postgres-create-schema.sql")) {
            if (in == null) {
                throw new IOException("pekko-persistence-jdbc's PostgreSQL schema script is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = pg(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + PG_SCHEMA);
            // the script's foreign key names its target unqualified: resolve every name in the bench schema
            s.execute("SET search_path TO " + PG_SCHEMA);
            for (String statement : script.replace("public.", PG_SCHEMA + ".").replace(" CONCURRENTLY", "")
                    .split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    /** Foreign keys of the bench schema that reference a table outside it, as "table -> referenced table". */
    static java.util.List<String> foreignKeysLeavingSchema() throws SQLException {
        java.util.List<String> leaving = new java.util.ArrayList<>();
        try (Connection c = pg(); var s = c.prepareStatement("""
                SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
                JOIN pg_namespace n ON n.oid = c.connamespace
                JOIN pg_class t ON t.oid = c.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                WHERE c.contype = 'f' AND n.nspname = ? AND tn.nspname <> ?""")) {
            s.setString(1, PG_SCHEMA);
            s.setString(2, PG_SCHEMA);
            var r = s.executeQuery();
            while (r.next()) {
                leaving.add(r.getString(1) + " -> " + r.getString(2));
            }
        }
        return leaving;
    }

    /** PostgreSQL's SQLSTATE for a deadlock it broke by failing one of the transactions. */
    static final String DEADLOCK_DETECTED = "40P01";

    /** Attempts of the PostgreSQL {@code TRUNCATE} (see {@link #empty}). */
    static final int TRUNCATE_ATTEMPTS = 10;

    /**
     * Empties the journal (H2: drops and creates its tables, as {@link DurableBench} does). On PostgreSQL the
     * {@code TRUNCATE} may meet the session log's last batched write of the previous operation (its tag rows and
     * events are locked in the other order): PostgreSQL then fails one of the two with a deadlock, and the
     * {@code TRUNCATE}, if it was the one, is tried again after 300 ms, up to {@value #TRUNCATE_ATTEMPTS} times.
     */
    static void empty(String db, ActorSystem<?> system) throws Exception {
        if (db.equals("h2")) {
            SchemaUtils.dropIfExists(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
            create(db, system);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pg(); Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + PG_SCHEMA + ".event_tag, " + PG_SCHEMA + ".event_journal, " + PG_SCHEMA
                        + ".snapshot");
                return;
            } catch (SQLException e) {
                if (!DEADLOCK_DETECTED.equals(e.getSQLState()) || attempt == TRUNCATE_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    /** Stops the benchmark's actor system and deletes its directory (the H2 file). */
    static void close(ActorSystem<?> system, Path dir) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Journal rows by kind of writer (the persistence id up to its {@code |}, or {@code raw}) and tag rows, for the
     * "what costs what" of the benchmarks ({@code CHOREO_BENCH_ROWS=1}); read with the journal's own login.
     */
    static Map<String, Long> rows(ActorSystem<?> system) throws SQLException {
        com.typesafe.config.Config db = system.settings().config()
                .getConfig("pekko-persistence-jdbc.shared-databases.choreo.db");
        Map<String, Long> rows = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(db.getString("url"), db.getString("user"),
                db.getString("password")); Statement s = c.createStatement()) {
            var r = s.executeQuery("SELECT \"persistence_id\", count(*) FROM \"event_journal\""
                    + " GROUP BY \"persistence_id\"");
            while (r.next()) {
                String id = r.getString(1);
                String kind = id.startsWith("raw-") ? "raw" : id.substring(0, Math.max(0, id.indexOf('|')));
                rows.merge(kind + " rows", r.getLong(2), Long::sum);
                rows.merge(kind + " ids", 1L, Long::sum);
            }
            r = s.executeQuery("SELECT count(*) FROM \"event_tag\"");
            r.next();
            rows.put("tag rows", r.getLong(1));
        }
        return rows;
    }

    private static Connection pg() throws SQLException {
        return DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
    }

    private static String pgUrl() {
        return System.getenv("CHOREO_PG_URL");
    }

    private static String pgUser() {
        return System.getenv().getOrDefault("CHOREO_PG_USER", "choreo");
    }

    private static String pgPassword() {
        return System.getenv().getOrDefault("CHOREO_PG_PASSWORD", "choreo");
    }
}
