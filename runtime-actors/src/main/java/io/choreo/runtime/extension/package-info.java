/**
 * Extensions run on annotated sends — capability guard, flow-cost charge, journal facts — with pluggable stores
 * (in-memory here; durable and distributed ones in the persistence and cluster modules) and custom extensions.
 */
package io.choreo.runtime.extension;
