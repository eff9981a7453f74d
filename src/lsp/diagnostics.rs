//! slac's diagnostics as the protocol's, grouped by the file of their primary label: code,
//! range, message with its help, the other labels as related information.

use super::position::{path_uri, Text};
use crate::diag::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Each file's diagnostics, for every file that has one.
pub(crate) fn by_file(
    diags: &[Diagnostic],
    sources: &SourceMap,
) -> BTreeMap<FileId, Vec<lsp_types::Diagnostic>> {
    let texts: Vec<Text<'_>> = sources.files().map(|(_, f)| Text::new(&f.text)).collect();
    let uris: Vec<Option<Uri>> = sources.files().map(|(_, f)| path_uri(&f.path)).collect();
    let mut out: BTreeMap<FileId, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
    for d in diags {
        let Some(primary) = d.labels.first() else {
            continue;
        };
        let text = &texts[primary.span.file.0 as usize];
        let mut message = d.message.clone();
        if let Some(m) = &primary.message {
            let _ = write!(message, "\n{m}");
        }
        if let Some(h) = &d.help {
            let _ = write!(message, "\nhelp: {h}");
        }
        let related: Vec<DiagnosticRelatedInformation> = d.labels[1..]
            .iter()
            .filter_map(|l| {
                let uri = uris[l.span.file.0 as usize].clone()?;
                Some(DiagnosticRelatedInformation {
                    location: Location::new(uri, texts[l.span.file.0 as usize].range(l.span)),
                    message: l.message.clone().unwrap_or_default(),
                })
            })
            .collect();
        out.entry(primary.span.file)
            .or_default()
            .push(lsp_types::Diagnostic {
                range: text.range(primary.span),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(d.code.to_string())),
                source: Some("slac".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..lsp_types::Diagnostic::default()
            });
    }
    out
}
