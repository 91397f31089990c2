package io.choreo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code choreo} command line: check, project and draw choreographies. */
@Command(name = "choreo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Choreographic programming on Apache Pekko: write one global protocol, run every role.",
        subcommands = {CheckCommand.class, ProjectCommand.class, GraphCommand.class, RunCommand.class, AuditCommand.class, NodeCommand.class, SimulateCommand.class, GenCommand.class, DiffCommand.class, LspCommand.class, ConsoleCommand.class,
            CommandLine.HelpCommand.class})
public final class ChoreoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: check, project, graph, gen, diff, run, audit, node, simulate or lsp");
    }

    /** The version of this build of choreo. */
    public static String version() {
        return Version.number();
    }

    public static void main(String[] args) {
        // initialise logging on this thread first, so actor threads do not race SLF4J's start-up
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit code; never throws. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ChoreoCommand());
        cli.registerConverter(java.time.Duration.class, new Durations());
        cli.registerConverter(java.nio.file.Path.class, new FileNames());
        cli.setOut(out);
        cli.setErr(err);
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
        }
        cli.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            OptionRanges.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("choreo: " + explain(e));
            return ExitCodes.FAILURE;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("choreo: " + withoutClassNames(String.valueOf(e.getMessage())));
            command.getErr().println("see: choreo " + (command.getCommandName().equals("choreo") ? ""
                    : command.getCommandName() + " ") + "--help");
            return ExitCodes.FAILURE;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Qualified exception class names a library put into its message ({@code java.net.BindException: }). */
    private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    /** {@code message} without the class names of exceptions, which say nothing to a user. */
    static String withoutClassNames(String message) {
        String cleaned = CLASS_NAME.matcher(message).replaceAll("").strip();
        return cleaned.isEmpty() ? message : cleaned;
    }

    /** One human sentence for what went wrong: the message, or what kind of failure it was. */
    static String explain(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return withoutClassNames(e.getMessage());
        }
        Throwable cause = e.getCause();
        return cause != null && cause != e ? explain(cause)
                : "internal error (" + e.getClass().getSimpleName() + "); please report it with the command line";
    }
}
