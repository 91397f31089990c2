/** Audit: a session read back from the journal by tag and folded into facts, messages and decisions. */
package io.choreo.persistence.audit;
