/**
 * Deadlock and progress checking: local step semantics, local state machines, and exploration of their product
 * with bounded FIFO queues.
 */
package io.choreo.projection.check;
