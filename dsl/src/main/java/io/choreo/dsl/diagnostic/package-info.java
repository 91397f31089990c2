/**
 * Diagnostics: typed findings with a code, a location, a hint, and a renderer producing {@code file:line:col}
 * headers with caret snippets.
 */
package io.choreo.dsl.diagnostic;
