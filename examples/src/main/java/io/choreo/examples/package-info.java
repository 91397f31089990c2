/** Small applications using the choreo API: two-phase commit and threshold signing. */
package io.choreo.examples;
