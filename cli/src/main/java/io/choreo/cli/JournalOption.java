package io.choreo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --journal PATH}: the H2 journal file shared by {@code run} and {@code audit}. */
final class JournalOption {
    @Option(names = "--journal", paramLabel = "PATH", defaultValue = "data/journal",
            description = "H2 journal database file (default data/journal; H2 adds .mv.db).")
    Path journal;
}
