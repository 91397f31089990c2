/** Journal facts as persisted events: per-participant {@link io.choreo.persistence.journal.FactJournal}s behind a {@code JournalStore}. */
package io.choreo.persistence.journal;
