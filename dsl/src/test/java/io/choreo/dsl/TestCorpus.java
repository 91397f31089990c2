package io.choreo.dsl;

import io.choreo.dsl.source.ChoreoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the choreographies tests sweep: the project's own {@code examples/} (always there) and
 * {@code ../shared/corpus} (present in CI; the sweep is skipped when it is absent). Shared with other modules
 * through the test-jar.
 */
public final class TestCorpus {
    private TestCorpus() {
    }

    /** The repository's {@code examples/} directory. */
    /** A recursion decided by a choice: {@code again} continues it, {@code stop} ends it. */
    public static final String POLL = """
            choreography Poll {
                roles: A, B;
                rec L {
                    choice A {
                        again: { A -> B: Ping; B -> A: Pong; continue L; }
                        stop: { A -> B: Stop; }
                    }
                }
            }
            """;

    /** One protocol name in two namespaces: {@code admin_operations.AdminOperations} sends Grant, the other Ask. */
    public static final String TWO_NAMESPACES = """
            #[namespace = "admin_operations"]
            choreography AdminOperations { roles: A, B; A -> B: Grant; }
            #[namespace = "user_operations"]
            choreography AdminOperations { roles: A, B; A -> B: Ask; }
            """;

    public static Path examples() {
        return locate("choreo.examples", "examples");
    }

    /** {@code ../shared/corpus} beside the checkout; may not exist. */
    public static Path shared() {
        return locate("choreo.sharedCorpus", "../shared/corpus");
    }

    public static List<Path> exampleFiles() {
        return ChoreoFiles.under(examples());
    }

    public static List<Path> sharedFiles() {
        return ChoreoFiles.under(shared());
    }

    /** Examples first, then the shared corpus. */
    public static Stream<Path> allFiles() {
        return Stream.concat(exampleFiles().stream(), sharedFiles().stream());
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path locate(String property, String fromRoot) {
        String configured = System.getProperty(property);
        if (configured != null) {
            return Path.of(configured).normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of(fromRoot) : dir.resolve(fromRoot)).normalize();
    }
}
