package io.choreo.persistence;

import com.typesafe.config.Config;
import io.choreo.persistence.config.JournalDatabase;
import java.nio.file.Files;
import java.nio.file.Path;

/** The journal contract on the embedded default: an H2 file database, schema created on start. */
class H2JournalTest extends JournalDatabaseContract {
    private final Path file;

    H2JournalTest() throws java.io.IOException {
        file = Files.createTempDirectory("choreo-h2").resolve("journal");
    }

    @Override
    Config database() {
        return JournalDatabase.h2(file);
    }
}
