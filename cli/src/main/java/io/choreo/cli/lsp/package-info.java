/**
 * A small language server for {@code .choreo} files (Language Server Protocol over stdio, JSON-RPC with Jackson):
 * diagnostics as a file is opened, edited and saved, and go to the definition of a role, a message, a
 * sub-protocol or a recursion label. {@link io.choreo.cli.lsp.ChoreoAnalysis} is the pure core.
 */
package io.choreo.cli.lsp;
