/** Global-to-local projection: {@link io.choreo.projection.project.Projector} with full merge. */
package io.choreo.projection.project;
