//! Sloth's `prometheus/v1` spec (also the `spec` of a `PrometheusServiceLevel`): `service`,
//! `slos[]` with `name`, `objective` (percent), `description`, and an SLI of `events`
//! (`error_query`/`errorQuery`, `total_query`/`totalQuery`), `raw` (`error_ratio_query`)
//! or a `plugin`. Sloth's SLO period is 30 days unless configured elsewhere.

use super::slo::{keep, percent, query, Imported, Slo};
use serde_norway::Value;

fn field<'v>(v: &'v Value, snake: &str, camel: &str) -> Option<&'v str> {
    v[snake].as_str().or_else(|| v[camel].as_str())
}

pub(super) fn read(name: &str, spec: &Value, into: &mut Imported) -> Result<(), String> {
    let service = spec["service"]
        .as_str()
        .ok_or_else(|| format!("{name}: a Sloth spec without `service`"))?;
    let slos = spec["slos"]
        .as_sequence()
        .ok_or_else(|| format!("{name}: a Sloth spec without `slos`"))?;
    for s in slos {
        let slo_name = s["name"].as_str().unwrap_or("slo").to_string();
        let target = percent(&s["objective"], false).ok_or_else(|| {
            format!(
                "{name}: SLO `{slo_name}`: `objective` is not a percentage above 0 and at most 100"
            )
        })?;
        let mut slo = Slo {
            name: slo_name.clone(),
            title: s["description"].as_str().map(str::to_string),
            target,
            window: "rolling 30d".into(),
            ..Slo::default()
        };
        let sli = &s["sli"];
        if let (Some(e), Some(t)) = (
            field(&sli["events"], "error_query", "errorQuery"),
            field(&sli["events"], "total_query", "totalQuery"),
        ) {
            match (query(e), query(t)) {
                (Some(e), Some(t)) => {
                    slo.errors = Some(e);
                    slo.total = Some(t);
                }
                _ => keep(
                    &mut slo,
                    name,
                    into,
                    &format!(
                        "queries without `{{{{.window}}}}`: errors `{}`, total `{}`",
                        e.trim(),
                        t.trim()
                    ),
                ),
            }
        } else if let Some(r) = field(&sli["raw"], "error_ratio_query", "errorRatioQuery") {
            match query(r) {
                // slac divides errors by total: the ratio over a total of 1 wherever the
                // ratio has a value.
                Some(r) => {
                    slo.total = Some(format!("(1 + 0 * ({r}))"));
                    slo.errors = Some(r);
                }
                None => keep(
                    &mut slo,
                    name,
                    into,
                    &format!("a ratio query without `{{{{.window}}}}`: `{}`", r.trim()),
                ),
            }
        } else if sli["plugin"].is_mapping() {
            let id = sli["plugin"]["id"].as_str().unwrap_or("?");
            keep(&mut slo, name, into, &format!("a Sloth SLI plugin (`{id}`), which slac cannot run: write its errors and total queries"));
        } else {
            keep(&mut slo, name, into, "no SLI");
        }
        into.slo(service, slo);
    }
    Ok(())
}
