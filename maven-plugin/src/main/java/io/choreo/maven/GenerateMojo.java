package io.choreo.maven;

import io.choreo.projection.gen.ClassLookup;
import io.choreo.projection.gen.JavaGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Checks every {@code .choreo} file under {@code src/main/choreo} and writes the Java sources of its protocols
 * (message records, typed handler interfaces, choice enums, guard-input records, a session builder) to
 * {@code target/generated-sources/choreo}, which becomes a source root. An error in any file fails the build with
 * {@code file:line:col} and a caret snippet. A payload type that names a class of the project (its sources or
 * compile class path) or of the JDK gets no placeholder.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class GenerateMojo extends AbstractMojo {
    /** Where the {@code .choreo} files are (searched recursively). */
    @Parameter(property = "choreo.sourceDirectory", defaultValue = "${project.basedir}/src/main/choreo")
    private File sourceDirectory;

    /** Where the generated Java sources go. */
    @Parameter(property = "choreo.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/choreo")
    private File outputDirectory;

    /** Whether to explore every protocol for deadlocks and orphan messages (as {@code choreo check} does). */
    @Parameter(property = "choreo.deadlockCheck", defaultValue = "true")
    private boolean deadlockCheck;

    /** Short payload type names of the protocols mapped to the project's classes, e.g. {@code <Order>shop.Order</Order>}. */
    @Parameter
    private Map<String, String> types = new HashMap<>();

    /** Skips the goal. */
    @Parameter(property = "choreo.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Creates the goal; Maven sets the parameters. */
    public GenerateMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("choreo: skipped");
            return;
        }
        ChoreoGeneration.Outcome outcome;
        try {
            outcome = ChoreoGeneration.run(sourceDirectory.toPath(), outputDirectory.toPath(), deadlockCheck,
                    new JavaGenerator.Options(classes(), types == null ? Map.of() : types));
        } catch (IOException | RuntimeException | DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("choreo: cannot generate sources: " + e.getMessage(), e);
        }
        outcome.warnings().forEach(w -> getLog().warn("\n" + w));
        if (outcome.failed()) {
            outcome.errors().forEach(e -> getLog().error("\n" + e));
            throw new MojoFailureException("choreo: the protocols under " + sourceDirectory + " have errors (see above): "
                    + outcome.errors().size() + (outcome.errors().size() == 1 ? " problem" : " problems") + " in "
                    + outcome.files().size() + (outcome.files().size() == 1 ? " file" : " files"));
        }
        if (outcome.files().isEmpty()) {
            getLog().info("choreo: no .choreo files under " + sourceDirectory);
            return;
        }
        project.addCompileSourceRoot(outputDirectory.getPath());
        getLog().info("choreo: checked " + outcome.files().size() + " files, " + outcome.written().size()
                + " Java sources in " + outputDirectory);
    }

    /** The project's own source roots (not the generated one) and its compile class path. */
    private ClassLookup classes() throws DependencyResolutionRequiredException {
        List<Path> roots = project.getCompileSourceRoots().stream().map(Path::of)
                .filter(p -> !p.toAbsolutePath().normalize().equals(outputDirectory.toPath().toAbsolutePath().normalize()))
                .toList();
        List<Path> classPath = project.getCompileClasspathElements().stream().map(Path::of).toList();
        return ClassLookup.of(roots, classPath).exceptGeneratedIn(outputDirectory.toPath());
    }
}
