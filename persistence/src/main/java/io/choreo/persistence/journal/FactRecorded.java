package io.choreo.persistence.journal;

import io.choreo.runtime.wire.CborSerializable;

/**
 * The persisted event of one journal fact of one participant. Written by {@link FactJournal} (testing runtime with
 * a durable journal) and by durable participants; audit queries fold it by session tag.
 */
public record FactRecorded(String sessionId, String participant, String fact) implements CborSerializable {
}
