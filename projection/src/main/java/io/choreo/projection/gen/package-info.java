/** Java code generation: message records, payload types and a typed handler interface per role. */
package io.choreo.projection.gen;
