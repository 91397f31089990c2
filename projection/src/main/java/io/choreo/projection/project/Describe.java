package io.choreo.projection.project;

import io.choreo.dsl.source.Span;
import io.choreo.projection.local.LocalType;
import io.choreo.projection.local.LocalTypePrinter;
import java.util.ArrayList;
import java.util.List;

/** How projection errors speak about local types: what a role does next, where that was written. */
final class Describe {
    private Describe() {
    }

    /** The source location of what {@code t} does first, if known. */
    static Span origin(LocalType t) {
        if (t instanceof LocalType.Send s) {
            return s.origin();
        } else if (t instanceof LocalType.Recv r) {
            return r.origin();
        } else if (t instanceof LocalType.Offer o) {
            return o.origin();
        } else if (t instanceof LocalType.Select s) {
            return s.origin();
        } else if (t instanceof LocalType.Guarded g) {
            return origin(g.body());
        }
        return Span.NONE;
    }

    /** What {@code t} does first, as a phrase: "sends Offer to Seller", "does nothing more". */
    static String of(LocalType t) {
        if (t instanceof LocalType.End) {
            return "does nothing more";
        } else if (t instanceof LocalType.Send s) {
            return "sends " + s.message() + " to " + s.peer();
        } else if (t instanceof LocalType.Recv r) {
            return "receives " + r.message() + " from " + r.peer();
        } else if (t instanceof LocalType.Var v) {
            return "goes back to " + v.variable();
        } else if (t instanceof LocalType.Offer o) {
            return "waits for a branch from " + o.peer();
        } else if (t instanceof LocalType.Select) {
            return "makes a choice";
        } else if (t instanceof LocalType.Guarded g) {
            return "(for instances " + g.condition() + ") " + of(g.body());
        }
        return "runs " + LocalTypePrinter.print(t);
    }

    /** The local types directly inside {@code t}. */
    static List<LocalType> children(LocalType t) {
        return io.choreo.projection.local.LocalTypeRewrite.components(t);
    }
}
