/** Failover tests with real node processes, killed by SIGKILL, judged from the journal. */
package io.choreo.cluster.process;
