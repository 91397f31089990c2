/** Durable deadlines across a SIGKILL: a child JVM that is killed while it waits, and the test that resumes it. */
package io.choreo.persistence.deadline;
