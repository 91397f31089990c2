/** Durable sessions: participants whose progress is event-sourced, redelivering until acknowledged, resumable. */
package io.choreo.persistence.durable;
