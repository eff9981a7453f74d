// Starts `slac lsp` for .sla files: everything the editor shows besides colours comes
// from the server (docs/editors.md).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("slac").get("path", "slac");
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "slac",
    "slac",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "sla" }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.sla"),
      },
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
