//! `slac report`: the eval of consecutive periods as series, rendered for the provider
//! (every agreement, credits owed and recoverable) and for each customer (its SLAs),
//! as HTML with inline SVG charts and as JSON (docs/report.md).

pub mod forecast;
pub mod history;
pub mod html;
pub mod series;
