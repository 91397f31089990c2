/** The {@code choreo-maven-plugin}: the {@code generate} goal and the Maven-free work behind it. */
package io.choreo.maven;
