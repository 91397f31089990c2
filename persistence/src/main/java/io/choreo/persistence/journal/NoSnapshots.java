package io.choreo.persistence.journal;

import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.Recovery;

/** The recovery of entities that take no snapshots: it does not ask the snapshot store (one query less per start). */
public final class NoSnapshots {
    private NoSnapshots() {
    }

    public static Recovery recovery() {
        return Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none());
    }
}
