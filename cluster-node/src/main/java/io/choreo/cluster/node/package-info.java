/** The runnable cluster node: settings, start-up, session starts, and the command-line entry point. */
package io.choreo.cluster.node;
