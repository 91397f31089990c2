package io.choreo.projection.validate;

import io.choreo.dsl.diagnostic.DiagnosticSink;
import io.choreo.projection.global.GlobalProtocol;
import java.util.List;

/** One well-formedness check over a core global protocol, reporting into a sink. */
public interface ValidationPass {

    void check(GlobalProtocol protocol, DiagnosticSink sink);

    /** Every pass, in the order they run. */
    static List<ValidationPass> all() {
        return List.of(new SelfSendCheck(), new EmptyChoiceCheck(), new DuplicateBranchLabelCheck(),
                new ChooserActsFirstCheck(), new TimedChoiceCheck(), new RecursionCheck(), new ReachabilityCheck(), new ParallelConflictCheck(),
                new UnusedRoleCheck());
    }

    /** Runs every pass. */
    static void runAll(GlobalProtocol protocol, DiagnosticSink sink) {
        for (ValidationPass pass : all()) {
            pass.check(protocol, sink);
        }
    }
}
