/** Compensation (sagas): multi-phase workflows with a persisted log, undone in reverse order on failure. */
package io.choreo.persistence.saga;
