//! `slac lsp`: a JSON-RPC session over stdio (Content-Length framing), as an editor
//! speaks it: initialize, open buffers, ask, shut down.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

const PARTIES: &str = r#"provider acme "Acme"

customer globex "Globex"

calendar office "Office hours" {
  timezone "Europe/Paris"
  mon-fri 09:00-17:00
}

service checkout "Checkout"
"#;

const AGREEMENTS: &str = r#"sla base "Base terms" {
  level customer
  provider acme
  customer globex
  valid from 2020-01-01
  timezone "Europe/Paris"
}

sla checkout_sla "Checkout for Globex" {
  level service
  extends base
  services checkout
  availability 99.9% per month
  support {
    during office
    incident p1 { response 1h resolve 4h }
  }
  penalty on incident p1 resolve {
    each breach credit 100 EUR
  }
  region north "North" {
    support {
      incident p1 { response 30m resolve 2h }
    }
  }
}
"#;

/// Long enough for a debug build on a busy machine; a hung server fails, not hangs.
const WAIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: u64,
    /// Notifications read while waiting for a response.
    notifications: Vec<Value>,
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads framed messages until the stream ends.
fn read_messages(out: impl Read + Send + 'static) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(out);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let Some(n) = length else { return };
            let mut body = vec![0; n];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            let Ok(v) = serde_json::from_slice(&body) else {
                return;
            };
            if tx.send(v).is_err() {
                return;
            }
        }
    });
    rx
}

impl Client {
    fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_slac"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start slac lsp");
        let stdin = child.stdin.take().expect("stdin");
        let incoming = read_messages(child.stdout.take().expect("stdout"));
        let mut c = Client {
            child,
            stdin,
            incoming,
            next_id: 0,
            notifications: Vec::new(),
        };
        let caps = c.request(
            "initialize",
            &json!({
                "processId": null,
                "rootUri": uri(root),
                "workspaceFolders": [{"uri": uri(root), "name": "portfolio"}],
                "capabilities": {}
            }),
        );
        for cap in [
            "definitionProvider",
            "referencesProvider",
            "hoverProvider",
            "completionProvider",
            "documentSymbolProvider",
            "documentFormattingProvider",
        ] {
            assert!(!caps["capabilities"][cap].is_null(), "{cap} in {caps}");
        }
        c.notify("initialized", &json!({}));
        c
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: &Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: &Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self
                .incoming
                .recv_timeout(WAIT)
                .expect("a response in time");
            if m["id"] == json!(id) {
                assert!(m["error"].is_null(), "{method} failed: {m}");
                return m["result"].clone();
            }
            self.notifications.push(m);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.notifications.iter().position(|n| {
            n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
        }) {
            let n = self.notifications.remove(i);
            return n["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        loop {
            let n = self
                .incoming
                .recv_timeout(WAIT)
                .expect("diagnostics in time");
            if n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri {
                return n["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            self.notifications.push(n);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            &json!({"textDocument": {"uri": uri, "languageId": "sla", "version": 1, "text": text}}),
        );
    }
}

fn uri(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", path.display())
}

/// The LSP position (line, UTF-16 column) of the `n`-th occurrence of `needle`, plus
/// `shift` characters.
fn position(text: &str, needle: &str, n: usize, shift: usize) -> Value {
    let at = text.match_indices(needle).nth(n).expect("needle").0;
    let before = &text[..at];
    let line = before.matches('\n').count();
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .encode_utf16()
        .count();
    json!({"line": line, "character": column + shift})
}

fn at(uri: &str, pos: &Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos})
}

fn portfolio() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("parties.sla"), PARTIES).expect("write");
    std::fs::write(dir.path().join("agreements.sla"), AGREEMENTS).expect("write");
    dir
}

#[test]
fn an_editor_session_over_stdio() {
    let dir = portfolio();
    let parties = uri(&dir.path().join("parties.sla"));
    let agreements = uri(&dir.path().join("agreements.sla"));
    let mut c = Client::start(dir.path());

    // A broken buffer, not saved: its error comes with the code `slac check` gives, at
    // a column counted in UTF-16 units (`𝄞` is two, `é` one).
    let broken_path = dir.path().join("broken.sla");
    let broken_uri = uri(dir.path()) + "/broken.sla";
    let broken = "provider x \"é𝄞\" { contact 5 }\n";
    c.open(&broken_uri, broken);
    let diags = c.diagnostics(&broken_uri);
    let mut sources = slac::source::SourceMap::new();
    sources.add("broken.sla", &broken_path, broken.to_string());
    sources.add(
        "parties.sla",
        dir.path().join("parties.sla"),
        PARTIES.to_string(),
    );
    let want = slac::compile::check(
        &sources,
        &slac::compile::Options {
            today: chrono::Utc::now().date_naive(),
        },
    );
    let first = want
        .diagnostics
        .first()
        .expect("the library finds an error");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], first.code.to_string());
    assert_eq!(diags[0]["severity"], 1);
    assert_eq!(diags[0]["range"]["start"], position(broken, "5", 0, 0));
    assert!(diags[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains(&first.message));

    // Fixed: the diagnostics are cleared.
    c.notify(
        "textDocument/didChange",
        &json!({"textDocument": {"uri": broken_uri, "version": 2},
               "contentChanges": [{"text": "provider x \"é𝄞\" { contact \"x\" }\n"}]}),
    );
    assert_eq!(c.diagnostics(&broken_uri), Vec::<Value>::new());

    // Go to definition: `office` after `during` is the calendar in parties.sla.
    c.open(&agreements, AGREEMENTS);
    let def = c.request(
        "textDocument/definition",
        &at(&agreements, &position(AGREEMENTS, "during office", 0, 9)),
    );
    assert_eq!(def["uri"], parties.as_str());
    assert_eq!(def["range"]["start"], position(PARTIES, "office", 0, 0));
    assert_eq!(def["range"]["end"], position(PARTIES, "office", 0, 6));

    // An agreement's own ids: the target a penalty is on.
    let def = c.request(
        "textDocument/definition",
        &at(
            &agreements,
            &position(AGREEMENTS, "incident p1 resolve", 0, 9),
        ),
    );
    assert_eq!(
        def["range"]["start"],
        position(AGREEMENTS, "incident p1 {", 0, 9)
    );

    // Find references from the definition of `globex`: the declaration and its use.
    let refs = c.request(
        "textDocument/references",
        &json!({"textDocument": {"uri": parties}, "position": position(PARTIES, "globex", 0, 2),
               "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().expect("locations");
    assert_eq!(refs.len(), 2, "{refs:?}");
    assert!(refs.iter().any(|r| r["uri"] == agreements.as_str()
        && r["range"]["start"] == position(AGREEMENTS, "customer globex", 0, 9)));

    // Hover on the agreement: inherited terms, this month's allowance, a ticket's deadline.
    let hover = c.request(
        "textDocument/hover",
        &at(&agreements, &position(AGREEMENTS, "checkout_sla", 0, 3)),
    );
    let text = hover["contents"]["value"]
        .as_str()
        .expect("markdown")
        .to_string();
    for part in [
        "checkout_sla",
        "customer `globex` *(from `base`)*",
        "allowed downtime in",
        "incident `p1`",
        "→ due",
    ] {
        assert!(text.contains(part), "{part:?} missing from hover:\n{text}");
    }

    // Hover on a support target: its deadlines for a ticket opened now.
    let hover = c.request(
        "textDocument/hover",
        &at(&agreements, &position(AGREEMENTS, "incident p1 {", 0, 9)),
    );
    let text = hover["contents"]["value"]
        .as_str()
        .expect("markdown")
        .to_string();
    for part in [
        "incident `p1`",
        "of `checkout_sla`",
        "response 1h → due",
        "resolve 4h → due",
    ] {
        assert!(text.contains(part), "{part:?} missing from hover:\n{text}");
    }

    // Hover on a region: its own terms over the agreement's.
    let hover = c.request(
        "textDocument/hover",
        &at(&agreements, &position(AGREEMENTS, "north", 0, 1)),
    );
    let text = hover["contents"]["value"]
        .as_str()
        .expect("markdown")
        .to_string();
    for part in [
        "region of `checkout_sla`",
        "response 30m",
        "services `checkout` *(from `checkout_sla`)*",
    ] {
        assert!(text.contains(part), "{part:?} missing from hover:\n{text}");
    }

    // Completion: keywords from the grammar, names, and time zones inside `timezone "…"`.
    let scratch = uri(dir.path()) + "/scratch.sla";
    let typing = "calendar c {\n  timezone \"Europe/Pa";
    c.open(&scratch, typing);
    let _ = c.diagnostics(&scratch);
    let zones = c.request(
        "textDocument/completion",
        &at(&scratch, &position(typing, "Europe/Pa", 0, 9)),
    );
    let labels: Vec<&str> = zones
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"Europe/Paris"), "{labels:?}");
    let typing = "sla s {\n  du";
    c.notify(
        "textDocument/didChange",
        &json!({"textDocument": {"uri": scratch, "version": 2}, "contentChanges": [{"text": typing}]}),
    );
    let _ = c.diagnostics(&scratch);
    let words = c.request(
        "textDocument/completion",
        &at(&scratch, &position(typing, "du", 0, 2)),
    );
    let labels: Vec<&str> = words
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert!(labels.contains(&"during"), "{labels:?}");
    let typing = "sla s {\n  provider ac";
    c.notify(
        "textDocument/didChange",
        &json!({"textDocument": {"uri": scratch, "version": 3}, "contentChanges": [{"text": typing}]}),
    );
    let _ = c.diagnostics(&scratch);
    let names = c.request(
        "textDocument/completion",
        &at(&scratch, &position(typing, "ac", 0, 2)),
    );
    let labels: Vec<&str> = names
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    assert_eq!(labels, ["acme"]);

    // The outline of a file.
    let symbols = c.request(
        "textDocument/documentSymbol",
        &json!({"textDocument": {"uri": agreements}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["base", "checkout_sla"]);
    let children = &symbols[1]["children"];
    assert!(
        children
            .as_array()
            .expect("children")
            .iter()
            .any(|s| s["name"] == "p1"),
        "{children}"
    );

    // Formatting: one edit to the text `slac fmt` writes.
    let messy = "service   x \"X\"\nservice y   \"Y\" {   owner   z }\n";
    c.notify(
        "textDocument/didChange",
        &json!({"textDocument": {"uri": scratch, "version": 4}, "contentChanges": [{"text": messy}]}),
    );
    let _ = c.diagnostics(&scratch);
    let edits = c.request(
        "textDocument/formatting",
        &json!({"textDocument": {"uri": scratch}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let want = slac::fmt::format_text(slac::source::FileId(0), messy).expect("formats");
    assert_ne!(want, messy);
    assert_eq!(edits[0]["newText"], want.as_str());
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );

    // Shut down and exit: exit code 0.
    let result = c.request("shutdown", &Value::Null);
    assert!(result.is_null());
    c.notify("exit", &Value::Null);
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        if let Some(status) = c.child.try_wait().expect("wait") {
            assert_eq!(status.code(), Some(0));
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "slac lsp did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_root_the_loader_refuses_is_said_once_and_open_buffers_still_checked() {
    let dir = portfolio();
    std::fs::write(dir.path().join("latin1.sla"), b"team caf\xe9\n").expect("write");
    let mut c = Client::start(dir.path());
    let agreements = uri(&dir.path().join("agreements.sla"));
    let broken = "sla x {\n";
    c.open(&agreements, broken);
    let diags = c.diagnostics(&agreements);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let shown: Vec<&Value> = c
        .notifications
        .iter()
        .filter(|n| n["method"] == "window/showMessage")
        .collect();
    assert_eq!(shown.len(), 1, "{:?}", c.notifications);
    let message = shown[0]["params"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("latin1.sla") && message.contains("UTF-8"),
        "{message}"
    );
    // Said once, not on every change.
    c.notify(
        "textDocument/didChange",
        &json!({"textDocument": {"uri": agreements, "version": 2}, "contentChanges": [{"text": "sla x {}\n"}]}),
    );
    let _ = c.diagnostics(&agreements);
    let result = c.request("shutdown", &Value::Null);
    assert!(result.is_null());
    let again = c
        .notifications
        .iter()
        .filter(|n| n["method"] == "window/showMessage")
        .count();
    assert_eq!(again, 1);
}
