//! `OpenSLO` `SLO` documents, `v1alpha` (`spec.objectives[].ratioMetrics`, `timeWindows`
//! with `count` and `unit`) and `v1` (`spec.indicator` inline or `indicatorRef` to an `SLI`
//! document, `ratioMetric` with `good` or `bad` and `total`, `timeWindow` with
//! `duration` and `isRolling`). `Service` documents need nothing; an `SLI` is kept until
//! the SLO that refers to it is read.

use super::slo::{keep, percent, query, Imported, Slo};
use serde_norway::Value;

pub(super) fn read(name: &str, v: &Value, into: &mut Imported) -> Result<(), String> {
    match v["kind"].as_str() {
        Some("SLO") => slo(name, v, into),
        Some("SLI") => {
            let id = v["metadata"]["name"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            into.slis.push((id, v["spec"].clone()));
            Ok(())
        }
        Some(
            "Service" | "AlertPolicy" | "AlertCondition" | "AlertNotificationTarget" | "DataSource",
        ) => Ok(()),
        other => {
            into.warnings.push(format!(
                "{name}: an OpenSLO `{}` is not imported",
                other.unwrap_or("?")
            ));
            Ok(())
        }
    }
}

fn slo(name: &str, v: &Value, into: &mut Imported) -> Result<(), String> {
    let spec = &v["spec"];
    let slo_name = v["metadata"]["name"].as_str().unwrap_or("slo").to_string();
    let service = spec["service"].as_str().unwrap_or("service").to_string();
    let objectives = spec["objectives"]
        .as_sequence()
        .cloned()
        .unwrap_or_default();
    if objectives.is_empty() {
        return Err(format!("{name}: SLO `{slo_name}` has no objectives"));
    }
    for (i, o) in objectives.iter().enumerate() {
        let target = percent(&o["target"], true)
            .or_else(|| percent(&o["targetPercent"], false))
            .ok_or_else(|| {
                format!("{name}: SLO `{slo_name}`: an objective without a target between 0 and 1")
            })?;
        let id = if objectives.len() > 1 {
            o["displayName"]
                .as_str()
                .map_or_else(|| format!("{slo_name}-{}", i + 1), str::to_string)
        } else {
            slo_name.clone()
        };
        let mut s = Slo {
            name: id,
            title: v["metadata"]["displayName"]
                .as_str()
                .or_else(|| spec["description"].as_str())
                .map(str::to_string),
            target,
            window: window(spec),
            ..Slo::default()
        };
        if let Some(r) = o.get("ratioMetrics") {
            // v1alpha: the ratio in the objective.
            ratio(
                &mut s,
                name,
                into,
                &r["good"]["query"],
                &Value::Null,
                &r["total"]["query"],
                "prometheus",
            );
            into.slo(&service, s);
        } else if let Some(ind) = spec.get("indicator") {
            indicator(&mut s, name, into, &ind["spec"]);
            into.slo(&service, s);
        } else if let Some(r) = spec["indicatorRef"].as_str() {
            into.waiting
                .push((name.to_string(), service.clone(), r.to_string(), s));
        } else {
            keep(&mut s, name, into, "no indicator");
            into.slo(&service, s);
        }
    }
    Ok(())
}

/// A v1 indicator spec: `ratioMetric` with `good` or `bad`, and `total`.
fn indicator(s: &mut Slo, file: &str, into: &mut Imported, spec: &Value) {
    let r = &spec["ratioMetric"];
    if r.is_mapping() {
        let src = r["total"]["metricSource"]["type"]
            .as_str()
            .unwrap_or("Prometheus");
        ratio(
            s,
            file,
            into,
            &r["good"]["metricSource"]["spec"]["query"],
            &r["bad"]["metricSource"]["spec"]["query"],
            &r["total"]["metricSource"]["spec"]["query"],
            src,
        );
    } else if spec["thresholdMetric"].is_mapping() {
        keep(
            s,
            file,
            into,
            "a threshold metric, which slac does not monitor: judge it from measurements",
        );
    } else {
        keep(s, file, into, "an indicator slac cannot read");
    }
}

fn ratio(
    s: &mut Slo,
    file: &str,
    into: &mut Imported,
    good: &Value,
    bad: &Value,
    total: &Value,
    source: &str,
) {
    let (good, bad, total) = (good.as_str(), bad.as_str(), total.as_str());
    if !source.eq_ignore_ascii_case("prometheus") {
        keep(
            s,
            file,
            into,
            &format!(
                "a `{source}` metric source, not Prometheus: good `{}`, bad `{}`, total `{}`",
                good.unwrap_or("-"),
                bad.unwrap_or("-"),
                total.unwrap_or("-")
            ),
        );
        return;
    }
    match (
        good.and_then(query),
        bad.and_then(query),
        total.and_then(query),
    ) {
        (Some(g), _, Some(t)) => {
            s.good = Some(g);
            s.total = Some(t);
        }
        (None, Some(b), Some(t)) => {
            s.errors = Some(b);
            s.total = Some(t);
        }
        _ => keep(
            s,
            file,
            into,
            &format!(
                "queries without `{{{{.window}}}}`: good `{}`, bad `{}`, total `{}`",
                good.unwrap_or("-"),
                bad.unwrap_or("-"),
                total.unwrap_or("-")
            ),
        ),
    }
}

/// `timeWindow` (v1) or `timeWindows` (v1alpha): a rolling window in days, hours or
/// minutes, or a calendar month, quarter or year.
fn window(spec: &Value) -> String {
    let w = &spec["timeWindow"][0];
    if let Some(d) = w["duration"].as_str() {
        let rolling = w["isRolling"].as_bool().unwrap_or(true);
        let (n, unit) = d.split_at(d.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len());
        return match (rolling, unit) {
            // A calendar window of minutes means nothing: `1m` there is the month some
            // examples (OpenSLO's own) mean by it.
            (false, "M" | "m") if n == "1" => "month".into(),
            (false, "M") => "month".into(),
            (false, "Q") => "quarter".into(),
            (false, "Y") => "year".into(),
            (false, "w") if n == "1" => "week".into(),
            (_, "w") => format!("rolling {}d", n.parse::<u64>().unwrap_or(1) * 7),
            (_, "d" | "h" | "m") => format!("rolling {n}{unit}"),
            _ => "rolling 30d".into(),
        };
    }
    let w = &spec["timeWindows"][0];
    if let (Some(n), Some(unit)) = (w["count"].as_u64(), w["unit"].as_str()) {
        return match unit {
            "Day" | "day" | "d" => format!("rolling {n}d"),
            "Week" | "week" => format!("rolling {}d", n * 7),
            "Month" | "month" if n == 1 => "month".into(),
            "Quarter" | "quarter" if n == 1 => "quarter".into(),
            "Year" | "year" if n == 1 => "year".into(),
            _ => "rolling 30d".into(),
        };
    }
    "rolling 30d".into()
}

/// The SLOs that refer to an `SLI` document by name, once every file has been read.
pub(super) fn resolve_refs(into: &mut Imported) {
    for (file, service, r, mut s) in std::mem::take(&mut into.waiting) {
        let sli = into
            .slis
            .iter()
            .find(|(n, _)| *n == r)
            .map(|(_, v)| v.clone());
        match sli {
            Some(spec) => indicator(&mut s, &file, into, &spec),
            None => keep(
                &mut s,
                &file,
                into,
                &format!("its `indicatorRef` `{r}` names no SLI document given"),
            ),
        }
        into.slo(&service, s);
    }
}
