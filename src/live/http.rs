//! The Prometheus HTTP API (`/api/v1/query_range`) over `ureq`: Prometheus, Thanos,
//! Mimir (its API under `/prometheus`), `VictoriaMetrics`, all the same. Every failure is a
//! [`LiveError`] that names the server and what went wrong; no answer is ever taken for
//! an empty one.

use super::prometheus::{LiveError, Matrix, Sample, Source};
use serde::Deserialize;
use std::time::Duration;

/// Answers larger than this are refused: a query of one series over 10,000 steps is a
/// few hundred kilobytes.
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// A server at a base URL (`http://prometheus:9090`, `https://mimir/prometheus`), with
/// the headers every request carries (`Authorization`, `X-Scope-OrgID`).
pub struct Prometheus {
    base: String,
    headers: Vec<(String, String)>,
    agent: ureq::Agent,
}

impl Prometheus {
    pub fn new(base: &str, headers: Vec<(String, String)>, timeout: Duration) -> Prometheus {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        Prometheus {
            base: base.trim_end_matches('/').to_string(),
            headers,
            agent,
        }
    }
}

#[derive(Deserialize)]
struct Answer {
    status: String,
    #[serde(default)]
    data: Option<Data>,
    #[serde(default, rename = "errorType")]
    error_type: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    warnings: Vec<String>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(rename = "resultType")]
    result_type: String,
    result: Vec<Series>,
}

#[derive(Deserialize)]
struct Series {
    #[serde(default)]
    metric: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    values: Vec<(f64, String)>,
}

impl Source for Prometheus {
    fn name(&self) -> &str {
        &self.base
    }

    fn query_range(
        &self,
        query: &str,
        start: i64,
        end: i64,
        step: i64,
    ) -> Result<Matrix, LiveError> {
        let url = format!("{}/api/v1/query_range", self.base);
        let mut req = self
            .agent
            .get(&url)
            .query("query", query)
            .query("start", start.to_string())
            .query("end", end.to_string())
            .query("step", format!("{step}s"))
            // A partial answer is an error, not fewer events: Thanos and
            // VictoriaMetrics would otherwise answer from the stores that replied.
            .query("partial_response", "false")
            .query("deny_partial_response", "1");
        for (k, v) in &self.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let server = || self.base.clone();
        let mut resp = req.call().map_err(|e| match e {
            ureq::Error::Timeout(_) => LiveError::Timeout { server: server() },
            other => LiveError::Unreachable {
                server: server(),
                why: other.to_string(),
            },
        })?;
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::Timeout(_) => LiveError::Timeout { server: server() },
                other => LiveError::Unreachable {
                    server: server(),
                    why: other.to_string(),
                },
            })?;
        let answer: Answer = match serde_json::from_str(&body) {
            Ok(a) => a,
            Err(_) if !(200..300).contains(&status) => {
                return Err(LiveError::Http {
                    server: server(),
                    status,
                    body: body.chars().take(200).collect(),
                })
            }
            Err(e) => {
                return Err(LiveError::Malformed {
                    server: server(),
                    why: e.to_string(),
                })
            }
        };
        if answer.status != "success" {
            return Err(LiveError::Api {
                server: server(),
                status,
                kind: answer.error_type.unwrap_or_default(),
                error: answer.error.unwrap_or_default(),
                query: query.to_string(),
            });
        }
        let data = answer.data.ok_or_else(|| LiveError::Malformed {
            server: server(),
            why: "a successful answer without `data`".into(),
        })?;
        if data.result_type != "matrix" {
            return Err(LiveError::Malformed {
                server: server(),
                why: format!("`resultType` is `{}`, not `matrix`", data.result_type),
            });
        }
        let mut series = Vec::with_capacity(data.result.len());
        for s in data.result {
            let mut samples = Vec::with_capacity(s.values.len());
            for (t, v) in s.values {
                let value = parse_value(&v).ok_or_else(|| LiveError::Malformed {
                    server: server(),
                    why: format!("a sample value `{v}` is not a number"),
                })?;
                // Step timestamps are whole seconds here (start and step are).
                samples.push(Sample {
                    at: t.round() as i64,
                    value,
                });
            }
            series.push((s.metric, samples));
        }
        if let Some(w) = answer.warnings.first() {
            return Err(LiveError::Warned {
                server: server(),
                warning: w.clone(),
                query: query.to_string(),
            });
        }
        Ok(Matrix {
            series,
            warnings: answer.warnings,
        })
    }
}

/// Prometheus writes sample values as strings: `"0.5"`, `"NaN"`, `"+Inf"`.
fn parse_value(v: &str) -> Option<f64> {
    match v {
        "NaN" => Some(f64::NAN),
        "+Inf" | "Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        _ => v.parse().ok(),
    }
}
