package io.choreo.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import io.choreo.persistence.config.JournalDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * The journal contract on PostgreSQL. Needs a server: {@code .ci/run} installs and starts one on 127.0.0.1 and sets
 * {@code CHOREO_PG_URL}; without it these tests are skipped.
 */
class PostgresJournalTest extends JournalDatabaseContract {

    @Override
    @BeforeAll
    void start() throws Exception {
        assumeTrue(System.getenv("CHOREO_PG_URL") != null, "CHOREO_PG_URL is not set: no PostgreSQL to test against");
        super.start();
    }

    @Override
    Config database() {
        return JournalDatabase.fromEnvironment(Path.of("unused"));
    }
}
