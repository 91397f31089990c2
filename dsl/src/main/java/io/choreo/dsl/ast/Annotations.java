package io.choreo.dsl.ast;

import io.choreo.dsl.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Extension annotations on the sender of a message:
 * {@code A[guard_capability = "cap", flow_cost = 200, journal_facts = "f1,f2", journal_merge = true] -> B: M;}.
 *
 * @param present whether an annotation list was written at all (an annotated message costs 100 by default)
 */
public record Annotations(boolean present, Optional<String> guardCapability, OptionalInt flowCost,
                          List<String> journalFacts, boolean journalMerge, Span span) {

    /** The cost charged when a message is annotated but names no {@code flow_cost}. */
    public static final int DEFAULT_FLOW_COST = 100;

    public Annotations {
        journalFacts = List.copyOf(journalFacts);
    }

    /** No annotation list. */
    public static Annotations none() {
        return new Annotations(false, Optional.empty(), OptionalInt.empty(), List.of(), false, Span.NONE);
    }

    /** The flow cost charged for this message: 0 if unannotated, the written cost, or {@link #DEFAULT_FLOW_COST}. */
    public int effectiveFlowCost() {
        return present ? flowCost.orElse(DEFAULT_FLOW_COST) : 0;
    }
}
