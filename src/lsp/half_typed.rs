//! Every answer on every prefix of a file, as it is while being typed: no panic, whatever
//! the parser made of it.

use super::complete::complete;
use super::hover::hover;
use super::position::Text;
use super::symbols::outline;
use super::workspace::Workspace;
use lsp_types::Position;
use std::path::Path;

const FILE: &str = "provider acme \"Acmé 𝄞\"\ncustomer globex\r\ncalendar office {\n  timezone \"Europe/Paris\"\n  mon-fri 09:00-17:00\n}\nservice checkout\nsla s \"S\" {\n  level customer\n  provider acme\n  customer globex\n  services checkout\n  valid from 2020-01-01\n  availability 99.9% per month during office\n  support { incident p1 { response 1h resolve 2 business days during office } }\n  region north { fee 10 EUR per month }\n}\n";

#[test]
fn every_prefix_answers_without_panic() {
    let path = Path::new("/nonexistent-slac-lsp-test/half.sla");
    let mut ws = Workspace::default();
    let ends: Vec<usize> = FILE
        .char_indices()
        .map(|(i, _)| i)
        .chain([FILE.len()])
        .collect();
    for &end in ends.iter().step_by(3) {
        let text = &FILE[..end];
        ws.open(path, text.to_string());
        let a = ws.analyse();
        let file = a.file(path).expect("the buffer is checked");
        let t = Text::new(text);
        let _ = super::diagnostics::by_file(&a.diagnostics, &a.sources);
        if let Some(tree) = &a.trees[file.0 as usize] {
            let _ = outline(tree, &t);
        }
        let last = t.position(text.len()).line;
        for line in 0..=last + 1 {
            for character in [0, 1, 3, 9, 17, 40] {
                let offset = t.offset(Position::new(line, character));
                if let Some(d) = a.definition_at(file, offset) {
                    let _ = a.references(&d, true);
                    let _ = hover(&a, &d, chrono::Utc::now());
                }
                let start = t.offset(Position::new(line, 0));
                let _ = complete(&text[start..offset], &a.all_defs());
            }
        }
    }
}
