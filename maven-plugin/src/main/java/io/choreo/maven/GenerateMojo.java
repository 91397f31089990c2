package io.choreo.maven;

import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Checks every {@code .choreo} file under {@code src/main/choreo} and writes the Java sources of its protocols
 * (message records, typed handler interfaces) to {@code target/generated-sources/choreo}, which becomes a source
 * root. An error in any file fails the build with {@code file:line:col} and a caret snippet.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
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
            outcome = ChoreoGeneration.run(sourceDirectory.toPath(), outputDirectory.toPath(), deadlockCheck);
        } catch (IOException | RuntimeException e) {
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
}
