package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.check.DeadlockChecker;
import io.choreo.projection.check.LocalFsm;
import io.choreo.projection.render.DotRenderer;
import io.choreo.projection.render.MermaidRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code choreo graph FILE --format mermaid|dot|svg [--out DIR]}: a sequence diagram of the global protocol, or one
 * titled state machine per participant (one file each with {@code --out}).
 */
@Command(name = "graph", description = "Draw the global protocol (mermaid) or each participant's state machine "
        + "(dot, or svg through Graphviz).")
final class GraphCommand implements Callable<Integer> {
    enum Format { mermaid, dot, svg }

    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolSource source;

    @Option(names = {"-f", "--format"}, defaultValue = "mermaid", description = "mermaid (default), dot or svg.")
    Format format;

    @Option(names = {"-r", "--role"}, paramLabel = "ROLE", description = "With dot or svg: only this role's machines.")
    String role;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Write one file per graph into DIR (Protocol.Participant.dot/.svg, Protocol.mmd).")
    Path out;

    @Option(names = "--dot-command", hidden = true, defaultValue = "dot", description = "Graphviz's dot executable.")
    String dotCommand;

    @Mixin
    BindingOptions bindings;

    @Override
    public Integer call() throws Exception {
        Map<String, String> graphs = new LinkedHashMap<>();
        int exit = source.forEach(spec.commandLine().getErr(), (p, several) -> {
            graphs.putAll(graphs(p));
            return ExitCodes.OK;
        });
        if (exit != ExitCodes.OK) {
            return exit;
        }
        if (format == Format.svg) {
            if (out == null && graphs.size() > 1) {
                throw new IllegalArgumentException("--format svg draws " + graphs.size()
                        + " participants: give --out DIR for one file each, or pick one with --role");
            }
            Graphviz graphviz = new Graphviz(dotCommand);
            for (Map.Entry<String, String> g : graphs.entrySet()) {
                g.setValue(graphviz.svg(g.getValue()));
            }
        }
        if (out == null) {
            graphs.values().forEach(spec.commandLine().getOut()::print);
            return ExitCodes.OK;
        }
        Files.createDirectories(out);
        for (Map.Entry<String, String> g : graphs.entrySet()) {
            Files.writeString(out.resolve(g.getKey()), g.getValue());
        }
        spec.commandLine().getOut().println("wrote " + graphs.size() + (graphs.size() == 1 ? " file" : " files")
                + " under " + out);
        return ExitCodes.OK;
    }

    /** File name to graph text for one protocol, in participant order. */
    private Map<String, String> graphs(CompiledProtocol p) {
        bindings.checkNames(java.util.List.of(p));
        Map<String, String> graphs = new LinkedHashMap<>();
        if (role != null) {
            p.local(role);   // an unknown role is one sentence naming the roles
        }
        if (format == Format.mermaid) {
            if (role != null) {
                throw new UsageError("--role " + role + ": a sequence diagram shows every role; --role picks one "
                        + "role's machine with --format dot or svg");
            }
            graphs.put(p.name() + ".mmd", MermaidRenderer.render(p.global()));
            return graphs;
        }
        String extension = format == Format.svg ? ".svg" : ".dot";
        DeadlockChecker.participants(p, bindings.resolvedFor(p)).forEach((name, type) -> {
            if (role == null || name.equals(role) || name.startsWith(role + "[")) {
                graphs.put(p.name() + "." + name.replace('[', '_').replace("]", "") + extension,
                        DotRenderer.render(p.name(), name, LocalFsm.of(type, 100_000)));
            }
        });
        return graphs;
    }
}
