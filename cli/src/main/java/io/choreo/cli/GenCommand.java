package io.choreo.cli;

import io.choreo.projection.gen.JavaGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code choreo gen FILE --out DIR}: Java sources for a protocol. */
@Command(name = "gen", description = "Generate Java sources: namespace as package, a record per message, payload "
        + "types to fill in, and a typed handler interface per role.")
final class GenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolSource source;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output source directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        int[] count = {0};
        int exit = source.forEach(spec.commandLine().getErr(), (p, several) -> {
            for (Map.Entry<String, String> file : JavaGenerator.generate(p).entrySet()) {
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
}
