package io.choreo.cli;

import io.choreo.projection.CompiledProtocol;
import io.choreo.projection.ProtocolVersion;
import io.choreo.projection.upgrade.UpgradeCheck;
import io.choreo.projection.upgrade.UpgradeReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code choreo diff OLD NEW}: per role, whether its local type changed and the in-flight states where the new
 * version is not a safe replacement (see {@link UpgradeCheck}). Exit 0 if sessions in flight could move to NEW at
 * every state, 1 if some states block it (or a file has errors, or the check is inconclusive), 2 on usage problems.
 */
@Command(name = "diff", description = "Compare two versions of a protocol for sessions in flight: per role, which "
        + "local types changed and at which in-flight states the new version is not a safe replacement. Exit 0 if "
        + "it is safe at every state, 1 if some states block it.")
final class DiffCommand implements Callable<Integer> {
    /** Blocked states listed per participant; the rest are counted. */
    static final int SHOWN = 10;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The .choreo file of the running version.")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW", description = "The .choreo file of the new version.")
    Path newer;

    @Option(names = {"-p", "--protocol"}, paramLabel = "NAME",
            description = "Which choreography (needed when the files declare several).")
    String protocol;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<CompiledProtocol> before = pick(older, err);
        Optional<CompiledProtocol> after = pick(newer, err);
        if (before.isEmpty() || after.isEmpty()) {
            return ExitCodes.INVALID;
        }
        CompiledProtocol o = before.get();
        CompiledProtocol n = after.get();
        if (!o.name().equals(n.name())) {
            throw new UsageError("OLD declares " + o.name() + " and NEW " + n.name()
                    + ": diff compares two versions of one protocol");
        }
        UpgradeReport report = UpgradeCheck.compare(o, n);
        print(report, out);
        int order = ProtocolVersion.ORDER.compare(o.version(), n.version());
        if (order == 0 && report.verdict() != UpgradeReport.Verdict.IDENTICAL) {
            out.println("error: both files are version " + o.version() + " of " + o.name() + " but differ: give "
                    + "NEW a new #[version = \"…\"] (a node refuses two protocols under one version)");
            return ExitCodes.INVALID;
        }
        if (order > 0) {
            out.println("note: NEW's version " + n.version() + " is older than OLD's " + o.version()
                    + ": nodes hosting both start new sessions on OLD");
        }
        return switch (report.verdict()) {
            case IDENTICAL, SAFE -> ExitCodes.OK;
            case BLOCKED, INCONCLUSIVE -> ExitCodes.INVALID;
        };
    }

    private Optional<CompiledProtocol> pick(Path file, PrintWriter err) throws Exception {
        ProtocolSource source = new ProtocolSource();
        source.file = file;
        source.protocol = protocol;
        Optional<List<CompiledProtocol>> compiled = source.compile(err);
        if (compiled.isEmpty()) {
            return Optional.empty();
        }
        if (compiled.get().size() > 1) {
            throw new UsageError(file + " declares several choreographies: name one with --protocol");
        }
        return Optional.of(compiled.get().get(0));
    }

    static void print(UpgradeReport report, PrintWriter out) {
        out.println(report.protocol() + " version " + report.oldVersion() + " -> " + report.newVersion() + ": "
                + switch (report.verdict()) {
                    case IDENTICAL -> "identical local types: sessions in flight run the same on either version";
                    case SAFE -> "safe: at every in-flight state each participant's future is the same";
                    case BLOCKED -> "blocked: sessions in the states below must finish on version "
                            + report.oldVersion();
                    case INCONCLUSIVE -> "inconclusive: see below; nothing is claimed";
                });
        for (UpgradeReport.RoleDiff role : report.roles()) {
            out.println("role " + role.role() + ": " + (role.oldType().isEmpty() ? "added"
                    : role.newType().isEmpty() ? "removed" : !role.changed() ? "unchanged"
                    : role.oldType().equals(role.newType()) ? "changed (payload types)" : "changed"));
            if (role.changed() && !role.oldType().equals(role.newType())) {
                out.println("  old: " + (role.oldType().isEmpty() ? "-" : role.oldType()));
                out.println("  new: " + (role.newType().isEmpty() ? "-" : role.newType()));
            }
            for (UpgradeReport.ParticipantDiff p : role.participants()) {
                printParticipant(p, out);
            }
        }
        out.println("bound: role arrays at 3 instances and symbols at 2, loops unrolled in full, at most 200000 "
                + "states per machine; safe means the same future, not a subtype");
    }

    private static void printParticipant(UpgradeReport.ParticipantDiff p, PrintWriter out) {
        if (!p.problem().isEmpty()) {
            out.println("  " + p.participant() + ": " + p.problem());
            return;
        }
        if (p.blocked().isEmpty()) {
            out.println("  " + p.participant() + ": safe at all " + p.states() + " states");
            return;
        }
        out.println("  " + p.participant() + ": " + p.blocked().size() + " of " + p.states()
                + " states block the replacement:");
        p.blocked().stream().limit(SHOWN).forEach(b -> out.println("    " + (b.history().equals("start")
                ? "at the start" : "after " + b.history()) + " (next: "
                + b.waitingFor() + "): " + b.why()));
        if (p.blocked().size() > SHOWN) {
            out.println("    … and " + (p.blocked().size() - SHOWN) + " more");
        }
    }
}
