//! The server's loop over stdio (`lsp-server`): the handshake, then each request answered
//! from the latest analysis and each change of a buffer checked at once and published.
//! A handler that fails answers with an error and the server goes on.

use super::complete::complete;
use super::diagnostics::by_file;
use super::hover::hover;
use super::position::{path_uri, uri_path, Text};
use super::symbols::outline;
use super::workspace::{Analysis, Workspace};
use crate::source::{FileId, Span};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CompletionOptions, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DocumentFormattingParams, DocumentSymbolParams,
    GotoDefinitionParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, Location, MarkupContent, MarkupKind, MessageType, OneOf, Position,
    PublishDiagnosticsParams, ReferenceParams, ServerCapabilities, ShowMessageParams,
    TextDocumentPositionParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
};
use serde_json::Value;
use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;

/// Runs the server on stdin and stdout until `exit`; the process's exit code (0 after
/// `shutdown`, 1 otherwise, as the protocol asks).
pub(crate) fn run() -> i32 {
    let (connection, io) = Connection::stdio();
    let code = serve(&connection);
    drop(connection);
    let _ = io.join();
    code
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "/".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

struct State {
    workspace: Workspace,
    analysis: Analysis,
    /// Files whose last published diagnostics were not empty.
    published: BTreeSet<String>,
    /// The last refusal of the loader shown to the user (shown once, not per keystroke).
    refused: Option<String>,
}

fn serve(connection: &Connection) -> i32 {
    let caps = serde_json::to_value(capabilities()).unwrap_or(Value::Null);
    let Ok(params) = connection.initialize(caps) else {
        return 1;
    };
    let mut workspace = Workspace::default();
    workspace.set_root(root(&params));
    let analysis = workspace.analyse();
    let mut state = State {
        workspace,
        analysis,
        published: BTreeSet::new(),
        refused: None,
    };
    publish(connection, &mut state);
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                match connection.handle_shutdown(&req) {
                    Ok(true) => return 0,
                    Ok(false) => {}
                    Err(_) => return 1,
                }
                let response = answer(&state, &req);
                if connection.sender.send(Message::Response(response)).is_err() {
                    return 1;
                }
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return 1;
                }
                if notify(&mut state, n) {
                    state.analysis = state.workspace.analyse();
                    publish(connection, &mut state);
                }
            }
            Message::Response(_) => {}
        }
    }
    1
}

/// The first workspace folder, else the root URI.
fn root(params: &Value) -> Option<std::path::PathBuf> {
    let params: InitializeParams = serde_json::from_value(params.clone()).ok()?;
    if let Some(f) = params.workspace_folders.as_ref().and_then(|f| f.first()) {
        return uri_path(&f.uri);
    }
    #[allow(deprecated)] // clients that send no workspace folders still send this
    params.root_uri.as_ref().and_then(uri_path)
}

/// Applies a notification; whether the portfolio must be checked again.
fn notify(state: &mut State, n: Notification) -> bool {
    let ws = &mut state.workspace;
    match n.method.as_str() {
        "textDocument/didOpen" => {
            let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                return false;
            };
            let Some(path) = uri_path(&p.text_document.uri) else {
                return false;
            };
            ws.open(&path, p.text_document.text);
            true
        }
        "textDocument/didChange" => {
            let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                return false;
            };
            // Full synchronisation: the last change is the whole text.
            match (
                uri_path(&p.text_document.uri),
                p.content_changes.into_iter().last(),
            ) {
                (Some(path), Some(change)) => {
                    ws.open(&path, change.text);
                    true
                }
                _ => false,
            }
        }
        "textDocument/didClose" => {
            let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                return false;
            };
            if let Some(path) = uri_path(&p.text_document.uri) {
                ws.close(&path);
            }
            true
        }
        // A file saved, created or deleted on disk.
        "textDocument/didSave" | "workspace/didChangeWatchedFiles" => true,
        _ => false,
    }
}

/// Publishes each file's diagnostics: files with some, files that had some (now none)
/// and open buffers.
fn publish(connection: &Connection, state: &mut State) {
    let a = &state.analysis;
    if a.refused != state.refused {
        if let Some(why) = &a.refused {
            let params = ShowMessageParams {
                typ: MessageType::WARNING,
                message: format!("slac: {why}; only the open files are checked"),
            };
            let _ = connection
                .sender
                .send(Message::Notification(Notification::new(
                    "window/showMessage".into(),
                    params,
                )));
        }
        state.refused.clone_from(&a.refused);
    }
    let mut files = by_file(&a.diagnostics, &a.sources);
    let mut now = BTreeSet::new();
    let mut sent = BTreeSet::new();
    let open: BTreeSet<&std::path::PathBuf> = state.workspace.open_paths().collect();
    for (id, f) in a.sources.files() {
        let Some(uri) = path_uri(&f.path) else {
            continue;
        };
        let diagnostics = files.remove(&id).unwrap_or_default();
        let key = uri.as_str().to_string();
        if !diagnostics.is_empty() {
            now.insert(key.clone());
        } else if !state.published.contains(&key) && !open.contains(&f.path) {
            continue;
        }
        sent.insert(key);
        send_diagnostics(connection, uri, diagnostics);
    }
    // Files no longer in the portfolio (deleted, or a closed buffer outside the root).
    for key in state.published.difference(&sent) {
        if let Ok(uri) = key.parse::<Uri>() {
            send_diagnostics(connection, uri, Vec::new());
        }
    }
    state.published = now;
}

fn send_diagnostics(connection: &Connection, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version: None,
    };
    let _ = connection
        .sender
        .send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        )));
}

fn answer(state: &State, req: &Request) -> Response {
    let id = req.id.clone();
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| handle(state, req)));
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
        Err(_) => Response::new_err(id, ErrorCode::InternalError as i32, "internal error".into()),
    }
}

type Answer = Result<Value, (ErrorCode, String)>;

fn params<T: serde::de::DeserializeOwned>(req: &Request) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(req.params.clone())
        .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn json<T: serde::Serialize>(value: T) -> Answer {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn handle(state: &State, req: &Request) -> Answer {
    let a = &state.analysis;
    match req.method.as_str() {
        "textDocument/definition" => {
            let p: GotoDefinitionParams = params(req)?;
            let Some((file, offset)) = locate(a, &p.text_document_position_params) else {
                return Ok(Value::Null);
            };
            json(
                a.definition_at(file, offset)
                    .and_then(|d| location(a, d.name_span)),
            )
        }
        "textDocument/references" => {
            let p: ReferenceParams = params(req)?;
            let Some((file, offset)) = locate(a, &p.text_document_position) else {
                return Ok(Value::Null);
            };
            let Some(def) = a.definition_at(file, offset) else {
                return Ok(Value::Null);
            };
            let spans = a.references(&def, p.context.include_declaration);
            json(
                spans
                    .into_iter()
                    .filter_map(|s| location(a, s))
                    .collect::<Vec<_>>(),
            )
        }
        "textDocument/hover" => {
            let p: HoverParams = params(req)?;
            let Some((file, offset)) = locate(a, &p.text_document_position_params) else {
                return Ok(Value::Null);
            };
            let Some(def) = a.definition_at(file, offset) else {
                return Ok(Value::Null);
            };
            json(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: hover(a, &def, chrono::Utc::now()),
                }),
                range: None,
            })
        }
        "textDocument/completion" => {
            let p: lsp_types::CompletionParams = params(req)?;
            let Some((file, offset)) = locate(a, &p.text_document_position) else {
                return Ok(Value::Null);
            };
            let text = Text::new(&a.sources.get(file).text);
            let line = p.text_document_position.position.line;
            let start = text.offset(Position::new(line, 0)).min(offset);
            let before = text.as_str().get(start..offset).unwrap_or("");
            json(complete(before, &a.all_defs()))
        }
        "textDocument/documentSymbol" => {
            let p: DocumentSymbolParams = params(req)?;
            let found = uri_path(&p.text_document.uri).and_then(|path| a.file(&path));
            let Some(file) = found else {
                return Ok(Value::Null);
            };
            let text = Text::new(&a.sources.get(file).text);
            match &a.trees[file.0 as usize] {
                Some(tree) => json(outline(tree, &text)),
                None => Ok(Value::Null),
            }
        }
        "textDocument/formatting" => {
            let p: DocumentFormattingParams = params(req)?;
            let Some(path) = uri_path(&p.text_document.uri) else {
                return Ok(Value::Null);
            };
            let text = match (state.workspace.text(&path), a.file(&path)) {
                (Some(t), _) => t,
                (None, Some(f)) => &a.sources.get(f).text,
                (None, None) => return Ok(Value::Null),
            };
            // A file with a syntax error is left as it is: its diagnostics say why.
            match crate::fmt::format_text(FileId(0), text) {
                Ok(new) if new != text => json(vec![TextEdit::new(Text::new(text).whole(), new)]),
                Ok(_) => json(Vec::<TextEdit>::new()),
                Err(_) => Ok(Value::Null),
            }
        }
        _ => Err((
            ErrorCode::MethodNotFound,
            format!("unsupported method {}", req.method),
        )),
    }
}

/// The file and byte offset of a position.
fn locate(a: &Analysis, at: &TextDocumentPositionParams) -> Option<(FileId, usize)> {
    let file = a.file(&uri_path(&at.text_document.uri)?)?;
    let text = Text::new(&a.sources.get(file).text);
    Some((file, text.offset(at.position)))
}

fn location(a: &Analysis, span: Span) -> Option<Location> {
    let f = a.sources.get(span.file);
    Some(Location::new(
        path_uri(&f.path)?,
        Text::new(&f.text).range(span),
    ))
}
