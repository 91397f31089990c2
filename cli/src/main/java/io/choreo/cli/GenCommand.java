package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.gen.JavaGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        Optional<List<CompiledProtocol>> protocols = source.compile(spec.commandLine().getErr());
        if (protocols.isEmpty()) {
            return ExitCodes.INVALID;
        }
        int count = 0;
        for (CompiledProtocol p : protocols.get()) {
            for (Map.Entry<String, String> file : JavaGenerator.generate(p).entrySet()) {
                Path target = out.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
                count++;
            }
        }
        spec.commandLine().getOut().println("wrote " + count + " files under " + out);
        return ExitCodes.OK;
    }
}
