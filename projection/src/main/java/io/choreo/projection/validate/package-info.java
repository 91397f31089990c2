/**
 * Well-formedness passes over the core global protocol, each a small {@link
 * io.choreo.projection.validate.ValidationPass}: self-send, empty choice, duplicate labels, chooser acts first,
 * recursion, parallel conflicts, unused roles.
 */
package io.choreo.projection.validate;
