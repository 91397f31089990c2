package io.choreo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code choreo} command line: check, project and draw choreographies. */
@Command(name = "choreo", mixinStandardHelpOptions = true, version = "choreo 0.1.0",
        description = "Choreographic programming on Apache Pekko: write one global protocol, run every role.",
        subcommands = {CheckCommand.class, ProjectCommand.class, GraphCommand.class, RunCommand.class, AuditCommand.class, NodeCommand.class, SimulateCommand.class, GenCommand.class, ConsoleCommand.class,
            CommandLine.HelpCommand.class})
public final class ChoreoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: check, project, graph, gen, run, audit, node or simulate");
    }

    public static void main(String[] args) {
        // initialise logging on this thread first, so actor threads do not race SLF4J's start-up
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit code; never throws. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ChoreoCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("choreo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILURE;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
