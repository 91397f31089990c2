package io.choreo.cli;

import io.choreo.cli.lsp.ChoreoLanguageServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code choreo lsp}: the language server on stdin/stdout, for editors. */
@Command(name = "lsp", description = "Run the language server (LSP over stdin/stdout): diagnostics on open, edit "
        + "and save, go to the definition of roles, messages, sub-protocols and rec labels.")
final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return new ChoreoLanguageServer(System.in, System.out).run();
    }
}
