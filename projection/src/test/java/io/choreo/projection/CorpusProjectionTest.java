package io.choreo.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.choreo.dsl.TestCorpus;
import io.choreo.dsl.ast.RoleDecl;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example and shared corpus file validates and projects for every role. */
class CorpusProjectionTest {

    static Stream<Path> corpus() {
        return TestCorpus.allFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void projectsEveryRole(Path file) throws Exception {
        Compiler.Compilation compilation = Compiler.compile(file);
        assertFalse(compilation.hasErrors(), compilation::render);
        for (CompiledProtocol p : compilation.protocols()) {
            assertEquals(p.global().roles().stream().map(RoleDecl::name).toList(), p.locals().keySet().stream().toList());
            for (String role : p.locals().keySet()) {
                assertFalse(p.print(role).isBlank());
            }
        }
    }
}
