package io.choreo.cli;

import io.choreo.projection.gen.ClassLookup;
import io.choreo.projection.gen.JavaGenerator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code choreo gen FILE --out DIR [--sourcepath DIRS] [--classpath PATH] [--type Name=pkg.Class]}: Java sources
 * for a protocol. A payload type that names an existing class (in the sources, on the class path, in the JDK, or
 * mapped with {@code --type}) is used as it is; only other names get placeholder records.
 */
@Command(name = "gen", description = "Generate Java sources: namespace as package, a record per message, an enum "
        + "per choice, guard-input records, a typed handler interface per role and a session builder; payload types "
        + "that are no existing class get placeholder records to fill in.")
final class GenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolSource source;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output source directory.")
    Path out;

    @Option(names = "--sourcepath", paramLabel = "DIRS",
            description = "Source roots of the application (separated by '${sys:path.separator}'): a payload type "
                    + "with a .java file there gets no placeholder.")
    List<String> sourcepath = new ArrayList<>();

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
            description = "Class directories and jars of the application (separated by '${sys:path.separator}'): "
                    + "a payload type found there gets no placeholder.")
    List<String> classpath = new ArrayList<>();

    @Option(names = "--type", paramLabel = "NAME=CLASS",
            description = "Maps a short payload type name of the protocol to a class, e.g. --type Order=shop.Order.")
    Map<String, String> types = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        int[] count = {0};
        int exit = source.forEach(spec.commandLine().getErr(), io.choreo.projection.bind.Bindings.none(),
                (p, several) -> {
            if (p.synthesized()) {
                spec.commandLine().getErr().println(source.file + ": error[E221]: " + p.name() + ": `choreo gen` "
                        + "does not generate code for a protocol whose local types are synthesized (the merge "
                        + "projection is incomplete here); run it with `choreo run`, or restructure the choices so "
                        + "that every role is told the branch by one peer");
                return ExitCodes.INVALID;
            }
            for (Map.Entry<String, String> file : JavaGenerator.generate(p, options()).entrySet()) {
                Path target = out.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
                count[0]++;
            }
            return ExitCodes.OK;
        });
        if (exit == ExitCodes.OK) {
            spec.commandLine().getOut().println("wrote " + count[0] + " files under " + out);
        }
        return exit;
    }

    private JavaGenerator.Options options() {
        for (Map.Entry<String, String> t : types.entrySet()) {
            if (t.getKey().isBlank() || t.getValue().isBlank()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--type takes NAME=CLASS, e.g. --type Order=shop.Order");
            }
        }
        return new JavaGenerator.Options(ClassLookup.of(paths(sourcepath), paths(classpath)).exceptGeneratedIn(out),
                types);
    }

    private static List<Path> paths(List<String> values) {
        List<Path> out = new ArrayList<>();
        for (String v : values) {
            for (String entry : v.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (!entry.isBlank()) {
                    out.add(Path.of(entry));
                }
            }
        }
        return out;
    }
}
