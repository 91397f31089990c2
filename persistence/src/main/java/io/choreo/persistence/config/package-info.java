/** Journal database configuration: embedded H2 (default) or PostgreSQL, and schema creation. */
package io.choreo.persistence.config;
