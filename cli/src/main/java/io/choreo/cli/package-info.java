/** The picocli {@code choreo} command and its subcommands. */
package io.choreo.cli;
