//! The lifecycle in a change report: its changes as entries (status, version, history,
//! proposal, approval, signatures, termination), all `changed` and never a weakening,
//! and E0608, a signed agreement whose commitments changed without a new version.

use super::report::{Change, Fact, Violation};
use crate::diag::Code;
use crate::model::strictness::Verdict;
use crate::model::{Agreement, Lifecycle, Signature, Status};

fn fact(what: &str, old: Option<String>, new: Option<String>) -> Fact {
    let change = match (&old, &new) {
        (None, Some(_)) => Change::Added,
        (Some(_), None) => Change::Removed,
        _ => Change::Modified,
    };
    Fact {
        what: what.to_string(),
        change,
        verdict: Verdict::Unordered,
        old,
        new,
    }
}

fn changed(out: &mut Vec<Fact>, what: &str, old: Option<String>, new: Option<String>) {
    if old != new {
        out.push(fact(what, old, new));
    }
}

fn version(l: &Lifecycle) -> Option<String> {
    let v = l.version.as_ref()?;
    Some(match &l.amends {
        Some(m) => format!("{} amends {}", v.value, m.value),
        None => v.value.to_string(),
    })
}

fn signature(s: &Signature) -> String {
    format!("{} on {} ({})", s.party.value.name, s.on.value, s.by)
}

/// Each lifecycle difference between the two sides of one agreement.
pub(super) fn facts(o: &Lifecycle, n: &Lifecycle) -> Vec<Fact> {
    let mut out = Vec::new();
    let status = |l: &Lifecycle| l.status().map(|s| s.keyword().to_string());
    changed(&mut out, "status", status(o), status(n));
    changed(&mut out, "version", version(o), version(n));
    let earlier = |l: &Lifecycle| -> Vec<String> {
        l.history
            .iter()
            .map(|e| format!("version {} signed {}", e.version, e.signed))
            .collect()
    };
    let (oh, nh) = (earlier(o), earlier(n));
    for h in nh.iter().filter(|h| !oh.contains(h)) {
        out.push(fact("history", None, Some(h.clone())));
    }
    for h in oh.iter().filter(|h| !nh.contains(h)) {
        out.push(fact("history", Some(h.clone()), None));
    }
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    changed(
        &mut out,
        "proposed",
        day(o.proposed.as_ref().map(|d| d.value)),
        day(n.proposed.as_ref().map(|d| d.value)),
    );
    let approval = |l: &Lifecycle| {
        l.approved
            .as_ref()
            .map(|x| format!("{} by {}", x.on.value, x.by))
    };
    changed(&mut out, "approved", approval(o), approval(n));
    let (os, ns): (Vec<String>, Vec<String>) = (
        o.signatures.iter().map(signature).collect(),
        n.signatures.iter().map(signature).collect(),
    );
    for s in ns.iter().filter(|s| !os.contains(s)) {
        out.push(fact("signature", None, Some(s.clone())));
    }
    for s in os.iter().filter(|s| !ns.contains(s)) {
        out.push(fact("signature", Some(s.clone()), None));
    }
    let end = |l: &Lifecycle| {
        l.terminated.as_ref().map(|t| match &t.reason {
            Some(r) => format!("{} ({r})", t.on.value),
            None => t.on.value.to_string(),
        })
    };
    changed(&mut out, "terminated", end(o), end(n));
    out
}

/// E0608: `commitments` entries (anything but the lifecycle) changed an agreement that
/// was signed on the old side (status `signed`, or `terminated`: it was signed too)
/// while its version stayed the same. A signed text is what the parties agreed to; a
/// change to it is a new version, signed again.
pub(super) fn unversioned(o: &Agreement, n: &Agreement, commitments: usize) -> Option<Violation> {
    let signed = matches!(
        o.lifecycle.status(),
        Some(Status::Signed | Status::Terminated)
    );
    let v = o.lifecycle.version();
    if commitments == 0 || !signed || n.lifecycle.version() != v {
        return None;
    }
    let code = Code::E0608;
    Some(Violation {
        code: code.as_str(),
        subject: n.kind.keyword().to_string(),
        name: n.name.clone(),
        version: v,
        message: format!(
            "signed {} `{}` changed without a new version: {} to the commitments of version {v}",
            n.kind.keyword().to_uppercase(),
            n.name,
            crate::written::plural(commitments, "change", "changes"),
        ),
        help: format!(
            "write the change as `version {} amends {v} \"what changed\"`, move version {v} into `history {{ version {v} signed DATE }}`, and set the status to what the amendment is (`draft` until it is signed)",
            v + 1
        ),
    })
}
