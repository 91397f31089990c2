package io.choreo.dsl.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds {@code .choreo} files under a directory, in a stable (sorted) order. */
public final class ChoreoFiles {
    private ChoreoFiles() {
    }

    /** Every {@code .choreo} file below {@code root}, or none if {@code root} does not exist. */
    public static List<Path> under(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".choreo")).filter(Files::isRegularFile)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
