//! Contract documents (`slac build`, html and markdown): the numbers a customer reads,
//! escaping, determinism, template overrides, and a real browser printing them.

use crate::common::Slac;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Builds `inputs` into `DIR/out` with `--today 2026-11-26`; returns the output directory.
fn build(dir: &Path, inputs: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join("out");
    let o = out.to_str().expect("utf-8");
    let mut args = vec!["build", inputs, "--out", o, "--today", "2026-11-26"];
    args.extend_from_slice(extra);
    let r = Slac::new().args(&args).run();
    r.assert_code(0);
    out
}

fn read(out: &Path, file: &str) -> String {
    fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The HTML with tags removed and whitespace collapsed: what a reader sees, in order.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn acme_contracts_carry_the_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/acme", &[]);
    let checkout = text(&read(&out, "internal/html/globex_checkout.html"));
    // The real figures of every month of the validity (March 2026 in Paris has 743 h).
    assert!(checkout.contains(
        "99.9% per month: at most 0.1% of the real length of each month (Europe/Paris time) as downtime: from 40 min 19 s in February 2026 to 44 min 42 s in October 2026"
    ), "{checkout}");
    assert!(
        checkout.contains("March 44 min 34 s 44 min 34 s"),
        "{checkout}"
    );
    // Inherited from acme_standard: p1 response tightened to 15 min, resolve 4 h, on paris_office.
    assert!(
        checkout.contains("incident p1 Service unavailable 15 min 4 h paris_office"),
        "{checkout}"
    );
    for row in [
        "Monday 08:00-17:00 9 h",
        "Friday 08:00-17:00 9 h",
        "Saturday closed",
        "Week 45 h",
    ] {
        assert!(checkout.contains(row), "week table row `{row}`");
    }
    assert!(checkout.contains("24 December 2026 Thursday 13:00-17:00 Christmas Eve afternoon"));
    assert!(checkout.contains("25 December 2026 Friday all day Christmas Day"));
    assert!(checkout.contains("below 99.9% → 10% of the monthly fee (1,200 EUR)"));
    assert!(checkout.contains("below 95.0% → 50% of the monthly fee (6,000 EUR)"));
    assert!(checkout.contains("each breach → 2% of the monthly fee (240 EUR)"));
    assert!(checkout.contains("50% of the monthly fee (6,000 EUR)"));
    assert!(checkout.contains("within 30 days"));
    assert!(
        checkout.contains("Payments database operations")
            && checkout.contains("Data centre hosting")
    );
    assert!(
        checkout.contains("Acme Cloud SAS") && checkout.contains("it-procurement@globex.example")
    );
    let rural = text(&read(&out, "internal/html/globex_printing.rural.html"));
    assert!(
        rural.contains("incident p2 Service degraded 8 h 24 h paris_office"),
        "{rural}"
    );
    let base = text(&read(&out, "internal/html/globex_printing.html"));
    assert!(base.contains("incident p2 Service degraded 4 h 16 h paris_office"));
    let index = read(&out, "internal/html/index.html");
    assert!(index.contains("<svg") && index.contains("href=\"globex_printing.rural.html\""));
    // The most globex_checkout can cost (capped at 50% of 12,000 EUR) against its UC.
    assert!(index.contains("Data centre hosting</a>: 4,000 EUR"));
    let index = text(&index);
    assert!(index.contains("6,000 EUR (the 50% cap)"), "{index}");
}

#[test]
fn business_hours_availability_is_computed_over_the_calendar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(
        &src,
        r#"provider p
customer c
service s
calendar office { timezone "Europe/Paris" mon-fri 09:00-17:00 closed 2026-05-01 }
sla a { provider p customer c services s valid from 2026-01-01
  availability { target 99.5% window month during office } }
"#,
    )
    .expect("write");
    let out = build(dir.path(), src.to_str().expect("utf-8"), &[]);
    let doc = text(&read(&out, "internal/html/a.html"));
    // February 2026: 20 working days × 8 h = 160 h → 0.5% = 48 min. Most: July 2026, 23
    // working days × 8 h = 184 h → 55 min 12 s (May loses its 1st).
    assert!(
        doc.contains("from 48 min in February 2026 (160 h of service hours) to 55 min 12 s in July 2026 (184 h of service hours)"),
        "{doc}"
    );
    // Open-ended validity: every month of 2026 and of the year after --today.
    assert!(doc.contains("Month 2026 2027"), "{doc}");
}

#[test]
fn text_from_sla_files_is_escaped_in_html() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("evil.sla");
    fs::write(
        &src,
        r#"provider p "<script>alert(1)</script> & \"Sons\"" { contact "<script>x</script>@e.example" address "1 <b> & 'q'" }
customer c "C & \"D\"" { subscribes s }
service s "<script>svc</script>" { description "Fast & <script>desc</script>" }
sla a "<script>title</script> & \"quoted\"" {
  provider p customer c services s
  note "<script>note</script> & more"
  exclude x "<script>ex</script>"
}
"#,
    )
    .expect("write");
    let out = build(dir.path(), src.to_str().expect("utf-8"), &[]);
    for file in ["internal/html/a.html", "internal/html/index.html"] {
        let html = read(&out, file);
        assert!(!html.contains("<script"), "{file} holds a raw <script>");
        assert!(html.contains("&lt;script&gt;"), "{file}");
        assert!(html.contains("&amp;"), "{file}");
    }
    let html = read(&out, "internal/html/a.html");
    assert!(html.contains("&quot;quoted&quot;"));
    assert!(html.contains("&lt;script&gt;note&lt;/script&gt; &amp; more"));
    assert!(html.contains("&lt;script&gt;desc&lt;/script&gt;"));
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;@e.example"));
    let md = read(&out, "internal/markdown/a.md");
    assert!(
        !md.contains("<script"),
        "markdown escapes angle brackets too"
    );
}

#[test]
fn same_input_same_bytes() {
    let (d1, d2) = (
        tempfile::tempdir().expect("t"),
        tempfile::tempdir().expect("t"),
    );
    let (a, b) = (
        build(d1.path(), "examples/acme", &[]),
        build(d2.path(), "examples/acme", &[]),
    );
    let list = |d: &Path| {
        let mut v: Vec<PathBuf> = Vec::new();
        for sub in ["internal/html", "internal/markdown", "json"] {
            for e in fs::read_dir(d.join(sub)).expect("list") {
                v.push(
                    e.expect("entry")
                        .path()
                        .strip_prefix(d)
                        .expect("prefix")
                        .to_path_buf(),
                );
            }
        }
        v.sort();
        v
    };
    assert_eq!(list(&a), list(&b));
    for f in list(&a) {
        assert_eq!(
            fs::read(a.join(&f)).expect("a"),
            fs::read(b.join(&f)).expect("b"),
            "{}",
            f.display()
        );
    }
}

#[test]
fn markdown_per_agreement_and_variant() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/acme", &["--emit", "markdown"]);
    for f in [
        "globex_printing.md",
        "globex_printing.rural.md",
        "field_printing.rural.md",
        "acme_standard.md",
    ] {
        assert!(out.join("internal/markdown").join(f).is_file(), "{f}");
    }
    assert!(
        !out.join("internal/html").exists(),
        "--emit markdown writes only markdown"
    );
    let rural = read(&out, "internal/markdown/globex_printing.rural.md");
    assert!(
        rural.contains(
            "| incident `p2` | Service degraded | 8 h | 24 h | `paris_office` \\(Paris business hours\\) |"
        ),
        "{rural}"
    );
}

#[test]
fn templates_can_be_overridden_and_a_broken_one_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tpl = dir.path().join("tpl");
    fs::create_dir_all(&tpl).expect("mkdir");
    fs::write(tpl.join("contract.md.hbs"), "CUSTOM {{title}}\n").expect("write");
    let out = build(
        dir.path(),
        "examples/acme",
        &["--templates", tpl.to_str().expect("utf-8")],
    );
    assert_eq!(
        read(&out, "internal/markdown/globex_checkout.md"),
        "CUSTOM Checkout API for Globex\n"
    );
    assert!(read(&out, "internal/html/globex_checkout.html")
        .contains("<h1>Checkout API for Globex</h1>"));

    fs::write(
        tpl.join("contract.html.hbs"),
        "<p>\n{{title}}\n{{#if fee}}\nunclosed\n",
    )
    .expect("write");
    let fresh = dir.path().join("never");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            fresh.to_str().expect("utf-8"),
            "--templates",
            tpl.to_str().expect("utf-8"),
        ])
        .run();
    r.assert_code(2);
    let err = &r.stderr;
    assert!(
        err.contains("contract.html.hbs") && err.contains("line "),
        "{err}"
    );
    assert!(!fresh.exists(), "nothing written");

    // A template that parses but names a field that does not exist (strict mode).
    fs::write(
        tpl.join("contract.html.hbs"),
        "<p>{{title}}</p>\n<p>{{no_such_field}}</p>\n",
    )
    .expect("write");
    let r = Slac::new()
        .args([
            "build",
            "examples/acme",
            "--out",
            fresh.to_str().expect("utf-8"),
            "--templates",
            tpl.to_str().expect("utf-8"),
        ])
        .run();
    assert_eq!(r.status.code(), Some(2));
    r.assert_stderr_contains("contract.html.hbs` line 2");
}

/// Runs headless Chromium with a fresh profile and no network features; `what` is the
/// output flag (`--print-to-pdf=…` or `--screenshot=…`).
fn chromium(profile: &Path, what: &str, html: &Path, extra: &[&str]) {
    let mut cmd = std::process::Command::new("chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(what)
    .args(extra)
    .arg(format!("file://{}", html.display()));
    let o = cmd
        .output()
        .expect("chromium runs (apt-get install chromium)");
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A page object, not the `/Pages` tree: `/Type /Page` or `/Type/Page` not followed by `s`.
fn has_page(pdf: &[u8]) -> bool {
    [&b"/Type /Page"[..], &b"/Type/Page"[..]].iter().any(|pat| {
        pdf.windows(pat.len() + 1)
            .any(|w| &w[..pat.len()] == *pat && w[pat.len()] != b's')
    })
}

#[test]
#[ignore = "needs chromium"]
fn every_acme_document_prints_to_pdf_and_renders_on_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/acme", &["--emit", "html"]);
    let mut docs: Vec<PathBuf> = fs::read_dir(out.join("internal/html"))
        .expect("list")
        .map(|e| e.expect("entry").path())
        .collect();
    docs.sort();
    assert!(docs.len() >= 10, "every agreement, variant and the index");
    for (i, html) in docs.iter().enumerate() {
        let pdf = dir.path().join(format!("{i}.pdf"));
        let profile = dir.path().join(format!("profile-{i}"));
        chromium(
            &profile,
            &format!("--print-to-pdf={}", pdf.display()),
            html,
            &[],
        );
        let bytes = fs::read(&pdf).expect("a PDF was written");
        assert!(bytes.starts_with(b"%PDF"), "{}: not a PDF", html.display());
        assert!(has_page(&bytes), "{}: the PDF has no page", html.display());
    }
    // A screenshot of one contract. A uniform 1280×1600 page compresses to about 9 KB of
    // PNG (measured with Chromium on an empty body); a rendered contract is well over
    // 100 KB, so more than 30 KB of image data means the page is not blank. The header
    // is checked too, so that a tiny error page cannot pass for a screenshot.
    let png = dir.path().join("shot.png");
    chromium(
        &dir.path().join("profile-shot"),
        &format!("--screenshot={}", png.display()),
        &out.join("internal/html/globex_checkout.html"),
        &["--window-size=1280,1600"],
    );
    let bytes = fs::read(&png).expect("a screenshot was written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    assert_eq!(&bytes[12..16], b"IHDR");
    assert_eq!((be(16), be(20)), (1280, 1600), "window size");
    assert!(
        bytes.len() > 30_000,
        "the screenshot looks blank ({} bytes)",
        bytes.len()
    );
}

/// The text of each page of a PDF (pdftotext from poppler-utils keeps the layout and
/// ends every page with a form feed).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let o = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The lines of a printed page that are not page furniture: the running head
/// (`globex_checkout · 26 November 2026`) and the foot (`Generated by slac … page 2 of 5`).
fn body_lines<'a>(page: &'a str, head: Option<&str>) -> Vec<&'a str> {
    page.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        // The running head, alone or with a draft's `DRAFT` mark at the right.
        .filter(|l| !head.is_some_and(|h| l.starts_with(h)))
        .filter(|l| !(l.starts_with("Generated by slac") || l.starts_with("page ")))
        .collect()
}

/// `2. Definitions`, `12. Signatures`: a numbered section heading.
fn is_heading(line: &str) -> bool {
    line.split_once(". ").is_some_and(|(n, rest)| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !rest.contains("  ")
    })
}

#[test]
#[ignore = "needs chromium"]
fn every_example_contract_prints_on_full_a4_pages_with_reference_and_page_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut checked = 0;
    for example in ["acme", "initech"] {
        let out = build(
            &dir.path().join(example),
            &format!("examples/{example}"),
            &["--emit", "html"],
        );
        let mut docs: Vec<PathBuf> = fs::read_dir(out.join("internal/html"))
            .expect("list")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        docs.sort();
        for html in &docs {
            let stem = html
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let pdf = dir.path().join(format!("{example}-{stem}.pdf"));
            chromium(
                &dir.path().join(format!("profile-{example}-{stem}")),
                &format!("--print-to-pdf={}", pdf.display()),
                html,
                &["--no-pdf-header-footer"],
            );
            let pages = pdf_pages(&pdf);
            let n = pages.len();
            assert!(n >= 1, "{stem}: no page");
            // The index and the catalogue are lists, not contracts: no reference to repeat.
            let index = stem == "index" || stem == "catalogue";
            let head = format!("{stem} · 26 November 2026");
            let head = (!index).then_some(head.as_str());
            for (i, page) in pages.iter().enumerate() {
                let where_ = format!("{example}/{stem} page {} of {n}", i + 1);
                assert!(
                    page.contains(&format!("page {} of {n}", i + 1)),
                    "{where_}: no page number\n{page}"
                );
                if let Some(h) = head {
                    assert!(page.contains(h), "{where_}: no running head `{h}`\n{page}");
                }
                let body = body_lines(page, head);
                assert!(
                    !body.is_empty(),
                    "{where_}: only the page furniture\n{page}"
                );
                assert!(
                    !(body.len() == 1 && is_heading(body[0])),
                    "{where_}: only a heading\n{page}"
                );
                assert!(
                    !body.last().is_some_and(|l| is_heading(l)),
                    "{where_}: ends with a heading, its content on the next page\n{page}"
                );
                // The signatures are never the first thing on a page: they stay with
                // the final clause.
                if let Some(first) = body.first() {
                    assert!(
                        !(is_heading(first) && first.ends_with("Signatures")),
                        "{where_}: the signatures start a page\n{page}"
                    );
                }
            }
            if index {
                let first = body_lines(&pages[0], None);
                assert!(
                    first.len() > 5,
                    "{example} index: the first page holds only the title\n{}",
                    pages[0]
                );
            }
            if stem == "globex_checkout" {
                // Five pages of terms, a sixth since it carries its status, version,
                // approval and version history and the signatures recorded.
                assert!(n <= 6, "globex_checkout prints on {n} A4 pages, at most 6");
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "every contract and index of both examples");
}

/// Each contract laid out 390 px wide (a phone): nothing sticks out, since tables scroll
/// in their own box and long codes wrap. Headless Chromium's window is at least 500 px
/// wide, so a copy of the document sets the body to 390 px, and a script writes the
/// body's scroll width (its content with any overflow) into the DOM Chromium dumps.
#[test]
#[ignore = "needs chromium"]
fn contracts_fit_a_390_px_wide_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/initech", &["--emit", "html"]);
    let out_acme = build(
        &dir.path().join("acme"),
        "examples/acme",
        &["--emit", "html"],
    );
    for html in [
        out_acme.join("internal/html/globex_checkout.html"),
        out_acme.join("internal/html/employee_it.html"),
        out.join("internal/html/umbrella_web.html"),
        out.join("internal/html/wayne_api.html"),
    ] {
        let doc = fs::read_to_string(&html).expect("read");
        let probe = doc.replace(
            "</body>",
            "<style>body { width: 390px; }</style><script>document.body.setAttribute(\
             'data-width', String(document.body.scrollWidth));</script></body>",
        );
        let copy = html.with_extension("probe.html");
        fs::write(&copy, probe).expect("write");
        let profile = dir.path().join("profile-narrow");
        let mut cmd = std::process::Command::new("chromium");
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--window-size=390,800",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", copy.display()));
        let o = cmd.output().expect("chromium runs");
        assert!(o.status.success(), "chromium failed");
        let dom = String::from_utf8_lossy(&o.stdout);
        let width: u32 = dom
            .split("data-width=\"")
            .nth(1)
            .and_then(|x| x.split('"').next())
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("{}: no width measured", html.display()));
        assert!(
            width <= 390,
            "{}: {width} px wide in a 390 px body",
            html.display()
        );
    }
}

#[test]
fn review_found_details_read_as_one_would_write_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(
        &src,
        "provider acme \"Acme\"\ncustomer globex \"Globex\" { subscribes api }\n\
         service api \"API\"\n\
         calendar patch \"Patching\" {\n  timezone \"UTC\"\n  sun 02:00-06:00\n}\n\
         sla terms \"General terms\" {\n  level corporate\n  provider acme\n}\n\
         sla api_sla \"API service\" {\n  provider acme\n  customer globex\n  services api\n  \
         valid from 2026-01-01 to 2026-12-31\n  review every 12 months\n  reviewed 2026-06-30\n  \
         availability \"Uptime\" {\n    target 99.9%\n    window rolling 28d\n  }\n  \
         support {\n    incident p1 { response 10m resolve 2h }\n  }\n  \
         maintenance {\n    during patch\n  }\n}\n",
    )
    .expect("write");
    let out = build(
        dir.path(),
        src.to_str().expect("utf-8"),
        &["--emit", "html,markdown"],
    );
    let sla = text(&read(&out, "internal/html/api_sla.html"));
    // A patching window open one day a week is one line, not a seven-row table.
    assert!(
        sla.contains("Open Sunday 02:00-06:00 only (4 h a week)."),
        "{sla}"
    );
    assert!(!sla.contains("Monday closed"), "{sla}");
    // The next review would fall after the agreement expires.
    assert!(!sla.contains("next review due"), "{sla}");
    assert!(
        sla.contains("no further review falls before the agreement expires"),
        "{sla}"
    );
    // A rolling window reads as English.
    assert!(sla.contains("over any 28-day period"), "{sla}");
    assert!(sla.contains("in any 28-day window"), "{sla}");
    assert!(!sla.contains("28 days window"), "{sla}");
    // No target has a title: no Title column.
    let html = read(&out, "internal/html/api_sla.html");
    assert!(!html.contains("<th>Title</th>"), "{html}");
    // Parties with nothing but a name are named in a sentence, not in empty cards.
    assert!(!html.contains("class=\"party\""), "{html}");
    assert!(
        sla.contains(
            "This agreement is made between Acme (the provider) and Globex (the customer)."
        ),
        "{sla}"
    );
    // General terms have no customer: no empty signature box for one.
    let terms = read(&out, "internal/html/terms.html");
    assert_eq!(terms.matches("class=\"signature\"").count(), 1, "{terms}");
    assert!(!terms.contains("every customer</strong>"), "{terms}");
    let md = read(&out, "internal/markdown/terms.md");
    assert!(!md.contains("For the Customer"), "{md}");
}

#[test]
fn credit_exposure_is_per_reporting_period_and_of_that_periods_fee() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(
        &src,
        "provider acme \"Acme\"\ncustomer globex \"Globex\" { subscribes api }\n\
         service api \"API\"\nsla q \"Quarterly\" {\n  provider acme\n  customer globex\n  \
         services api\n  fee 210 USD per month\n  availability 99.9% per quarter\n  \
         latency 99% within 1s per quarter\n  \
         penalty on availability { below 99.9% credit 10% }\n}\n",
    )
    .expect("write");
    let out = build(
        dir.path(),
        src.to_str().expect("utf-8"),
        &["--emit", "html"],
    );
    let index = text(&read(&out, "internal/html/index.html"));
    assert!(index.contains("63 USD per quarter"), "{index}");
}

/// Decodes the entities handlebars' HTML escape writes.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x60;", "`")
        .replace("&#x3D;", "=")
        .replace("&amp;", "&")
}

/// The text of a contract's body, one line per block element (paragraph, list item,
/// cell, heading): tags removed, entities decoded. The navigation and the footer are
/// links and a colophon, not the contract.
fn html_lines(html: &str) -> Vec<String> {
    let start = html.find("<main").expect("main");
    let mut body = html[start..].to_string();
    for (open, close) in [("<nav", "</nav>"), ("<footer", "</footer>")] {
        while let Some(a) = body.find(open) {
            let b = body[a..].find(close).expect("closed") + a + close.len();
            body.replace_range(a..b, "");
        }
    }
    let mut out = String::new();
    let mut tag = String::new();
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                let inline = ["strong", "code", "a", "span", "em"].contains(&name.as_str());
                out.push(if inline { '\u{0}' } else { '\n' });
            }
            _ if in_tag => tag.push(ch),
            _ => out.push(ch),
        }
    }
    out.replace('\u{0}', "")
        .lines()
        .map(|l| {
            unescape_html(l)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The text of a Markdown contract, one line per block (a table cell is a block): the
/// markup of the template (`#`, list markers, `**`, `*`, code fences, table rules, `<br>`)
/// removed, backslash escapes and entities decoded.
fn markdown_lines(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in md.lines() {
        let line = line.trim_end();
        if line.starts_with("| ---") || line.starts_with("| --- |") {
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line);
        let line = line.strip_prefix("> ").unwrap_or(line);
        let mut cells = vec![String::new()];
        let mut chars = line.chars().peekable();
        while let Some(ch) = chars.next() {
            match ch {
                '\\' => {
                    if let Some(n) = chars.next() {
                        cells.last_mut().expect("cell").push(n);
                    }
                }
                '*' | '`' | '[' => {}
                // A link's destination is not text.
                ']' if chars.peek() == Some(&'(') => {
                    let mut escaped = false;
                    for n in chars.by_ref() {
                        if n == ')' && !escaped {
                            break;
                        }
                        escaped = n == '\\' && !escaped;
                    }
                }
                '|' => cells.push(String::new()),
                _ => cells.last_mut().expect("cell").push(ch),
            }
        }
        for cell in cells {
            for part in cell.split("<br>") {
                let part = unescape_html(part);
                let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
                if !part.is_empty() {
                    out.push(part);
                }
            }
        }
    }
    out
}

/// Sentences (and clauses after a colon) of a list of lines.
fn sentences(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| {
            l.split(". ")
                .flat_map(|s| s.split(": "))
                .map(|s| s.trim_end_matches(['.', ':']).trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn html_and_markdown_say_the_same_contract() {
    for example in ["examples/acme", "examples/initech"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = build(dir.path(), example, &[]);
        let mut stems: Vec<String> = fs::read_dir(out.join("internal/markdown"))
            .expect("markdown")
            .map(|e| {
                let name = e.expect("entry").file_name().to_string_lossy().into_owned();
                name.trim_end_matches(".md").to_string()
            })
            .collect();
        stems.sort();
        assert!(!stems.is_empty(), "{example}");
        for stem in stems {
            let html = html_lines(&read(&out, &format!("internal/html/{stem}.html")));
            let md = markdown_lines(&read(&out, &format!("internal/markdown/{stem}.md")));
            let (html_all, md_all) = (html.join(" "), md.join(" "));
            for s in sentences(&html) {
                assert!(
                    md_all.contains(&s),
                    "{example} {stem}: the HTML says `{s}`, the Markdown does not:\n{md_all}"
                );
            }
            for s in sentences(&md) {
                assert!(
                    html_all.contains(&s),
                    "{example} {stem}: the Markdown says `{s}`, the HTML does not:\n{html_all}"
                );
            }
            // Section numbers are text in both (the catalogue is a table, not a contract).
            if stem == "catalogue" {
                continue;
            }
            assert!(html.iter().any(|l| l == "1. Parties"), "{stem}: {html:?}");
            assert!(md.iter().any(|l| l == "1. Parties"), "{stem}: {md:?}");
        }
    }
}

#[test]
fn a_customer_can_answer_from_the_contract_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/acme", &[]);
    let doc = text(&read(&out, "internal/html/globex_checkout.html"));
    for needle in [
        // What counts as downtime, and the source of truth.
        "2. Definitions",
        "“Downtime” means any time during which a Covered Service is unavailable",
        "“Measurement” means the source of truth for each objective",
        "Availability: the outages recorded for each Covered Service",
        "Measured by the outages recorded.",
        // How much is allowed: the formula and a worked example from its own numbers.
        "“Monthly Uptime Percentage” means, for each calendar month in the agreement",
        "January 2026 is a 31-day month of 744 hours: a target of 99.9% allows 44 min 38 s of Downtime in it",
        // What they get back.
        "For each penalty only the highest applicable tier applies: the tiers do not add up.",
        "Credits are applied against future invoices.",
        // How to claim, with the window inherited from the customer terms.
        "To claim a credit, the Customer writes to billing@acme.example within 30 days of the end of the month concerned, with the objective missed",
        "within 30 days of the end of the month concerned, as set in “Globex customer terms” (globex_terms)",
        // Precedence over the terms it builds on.
        "This agreement builds on “Globex customer terms” (globex_terms); where they differ, this agreement prevails.",
    ] {
        assert!(doc.contains(needle), "missing `{needle}` in\n{doc}");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/initech", &[]);
    let wayne = text(&read(&out, "internal/html/wayne_api.html"));
    for needle in [
        "Credits are paid to the Customer as a refund.",
        "A credit of less than 25 GBP for a month is not paid.",
        "writes to accounts@initech.example within 45 days",
    ] {
        assert!(wayne.contains(needle), "missing `{needle}` in\n{wayne}");
    }
}

/// GitHub-flavoured Markdown: a list or table is a block of its own (a blank line before
/// and after), and two lists never follow each other across a blank line (GFM would join
/// them into one list, as "Cap" and "Claims" once joined the last credit list).
#[test]
fn markdown_lists_and_tables_stand_apart() {
    for example in ["examples/acme", "examples/initech"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = build(dir.path(), example, &["--emit", "markdown"]);
        for e in fs::read_dir(out.join("internal/markdown")).expect("markdown") {
            let path = e.expect("entry").path();
            let md = fs::read_to_string(&path).expect("read");
            let lines: Vec<&str> = md.lines().collect();
            let kind = |l: &str| {
                if l.starts_with("- ") {
                    'l'
                } else if l.starts_with('|') {
                    't'
                } else if l.is_empty() {
                    ' '
                } else {
                    'p'
                }
            };
            for (i, l) in lines.iter().enumerate() {
                let k = kind(l);
                if k != 'l' && k != 't' {
                    continue;
                }
                for n in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                    if let Some(other) = lines.get(n) {
                        let o = kind(other);
                        assert!(
                            o == k || o == ' ',
                            "{}:{}: `{l}` touches `{other}`",
                            path.display(),
                            i + 1
                        );
                    }
                }
                // A list, a blank line, and a list again: GFM makes one list of them.
                if k == 'l' && lines.get(i + 1) == Some(&"") {
                    if let Some(next) = lines.get(i + 2) {
                        assert!(
                            kind(next) != 'l',
                            "{}:{}: two lists would join",
                            path.display(),
                            i + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_contract_names_what_measures_each_objective() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    fs::write(
        &src,
        "provider p \"P\"\ncustomer c \"C\" { subscribes s }\nservice s \"S\"\n\
         sla a \"A\" { provider p customer c services s valid from 2026-01-01\n  \
         availability { target 99.9% window month measured by indicator\n    \
         indicator prometheus { errors \"sum(rate(e[{{window}}]))\" total \"sum(rate(t[{{window}}]))\" } }\n  \
         latency 99% within 300ms per month\n}\n",
    )
    .expect("write");
    let out = build(dir.path(), src.to_str().expect("utf-8"), &[]);
    let doc = text(&read(&out, "internal/html/a.html"));
    for needle in [
        "Measured by its indicator.",
        "Availability: its indicator: the events that succeeded among all events",
        "the events that succeeded divided by all events, per Covered Service, as a percentage, as counted by the objective",
        "of 1,000,000 events in a month, a target of 99.9% allows 1,000 to fail.",
    ] {
        assert!(doc.contains(needle), "missing `{needle}` in\n{doc}");
    }
}

/// A draft and a proposal (status draft, proposed) are marked DRAFT at the top (and, in
/// Markdown, at the end); their signature lines stay blank.
#[test]
fn a_draft_is_marked_and_its_signature_lines_are_blank() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/acme", &[]);
    let md = read(&out, "internal/markdown/employee_it.md");
    let banner =
        "> **DRAFT:** this text is a draft and binds no one until every party has signed it\\.";
    let lines: Vec<&str> = md.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.get(1),
        Some(&banner),
        "the banner under the title\n{md}"
    );
    assert_eq!(lines.last(), Some(&banner), "the banner at the end\n{md}");
    assert!(
        md.contains("| Name and position | | |"),
        "blank lines\n{md}"
    );
    assert!(md.contains("**Status:** Draft, not signed"), "{md}");
    let html = read(&out, "internal/html/employee_it.html");
    assert!(html.contains("<div class=\"draft-mark\" aria-hidden=\"true\">DRAFT</div>"));
    assert!(
        html.contains("@top-right { content: \"DRAFT\""),
        "every printed page"
    );
    assert!(
        text(&html).contains("DRAFT : this text is a draft"),
        "{}",
        text(&html)
    );
    assert!(
        !html.contains("<div class=\"sig-value\">"),
        "no signature filled in"
    );
    // A signed text and a terminated one carry no mark.
    for doc in [
        "internal/html/globex_checkout.html",
        "internal/html/northhost_dc.html",
    ] {
        assert!(!read(&out, doc).contains("DRAFT"), "{doc}");
    }
}

#[test]
fn a_signed_contract_shows_who_signed_when_its_version_and_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/acme", &[]);
    let md = read(&out, "internal/markdown/globex_checkout.md");
    for needle in [
        "Reference `globex_checkout`, version 2, document date 26 November 2026",
        "**Status:** Signed by every party, the last on 13 May 2026",
        "**Version:** 2, amends version 1: Adds the latency and orders objectives",
        "**Approved:** 4 May 2026 by Claire Martin, Head of Service Management",
        "| 1 | 16 December 2025 | Original agreement: availability, P1 support, credits |",
        "| 2 \\(this version\\) | 13 May 2026 | Adds the latency and orders objectives |",
        "| Name and position | Sophie Laurent, Chief Operating Officer | Walter Skinner, Chief Information Officer |",
        "| Date | 13 May 2026 | 12 May 2026 |",
    ] {
        assert!(md.contains(needle), "missing `{needle}` in\n{md}");
    }
    let terms = read(&out, "internal/markdown/globex_terms.md");
    assert!(
        terms.contains("**Requirements:** GLX\\-RFP\\-2025\\-014 \\(the requirements this agreement answers\\)"),
        "{terms}"
    );
    // The customer's copy: signatures, version and status, not the provider's approver.
    let copy = read(&out, "customers/globex/markdown/globex_checkout.md");
    assert!(
        copy.contains("Walter Skinner, Chief Information Officer"),
        "{copy}"
    );
    assert!(copy.contains("**Version:** 2, amends version 1"), "{copy}");
    assert!(!copy.contains("Claire Martin"), "{copy}");
    let html = text(&read(&out, "internal/html/globex_checkout.html"));
    assert!(
        html.contains(
            "Name and position : Walter Skinner, Chief Information Officer Date : 12 May 2026"
        ),
        "{html}"
    );
}

#[test]
fn a_terminated_agreement_says_so_at_the_top_and_in_its_validity() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = build(dir.path(), "examples/acme", &[]);
    let md = read(&out, "internal/markdown/northhost_dc.md");
    let lines: Vec<&str> = md.lines().filter(|l| !l.is_empty()).collect();
    assert!(
        lines[1].starts_with(
            "> **Terminated:** in force until 30 June 2026 only — Replaced by northhost\\_colo"
        ),
        "{md}"
    );
    assert!(md.contains(
        "**Validity:** 1 July 2025 to 30 June 2028 inclusive; terminated: in force until 30 June 2026 only"
    ));
    // Its allowances stop in the year it ends.
    assert!(md.contains("| Month | 2025 | 2026 |"), "{md}");
    let html = text(&read(&out, "internal/html/northhost_dc.html"));
    assert!(
        html.contains("Terminated : in force until 30 June 2026 only"),
        "{html}"
    );
    let index = text(&read(&out, "internal/html/index.html"));
    assert!(index.contains("terminated: in force until 30 June 2026 only"));
}

/// A draft long enough for several pages prints `DRAFT` on every one of them (the
/// page margin), beside the running head.
#[test]
#[ignore = "needs chromium"]
fn a_draft_prints_draft_on_every_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path().join("p.sla");
    let notes = (1..=90).fold(String::new(), |mut out, i| {
        let _ = writeln!(
            out,
            "  note \"Clause {i}: the parties keep a written record of every change.\""
        );
        out
    });
    fs::write(
        &src,
        format!(
            "provider p \"P\"\ncustomer c \"C\" {{ subscribes s }}\nservice s \"S\"\n\
             sla a \"A\" {{\n  provider p\n  customer c\n  services s\n  valid from 2026-01-01\n  \
             status draft\n{notes}  availability 99.9% per month\n}}\n"
        ),
    )
    .expect("write");
    let out = build(
        dir.path(),
        src.to_str().expect("utf-8"),
        &["--emit", "html"],
    );
    let pdf = dir.path().join("a.pdf");
    chromium(
        &dir.path().join("profile"),
        &format!("--print-to-pdf={}", pdf.display()),
        &out.join("internal/html/a.html"),
        &["--no-pdf-header-footer"],
    );
    let pages = pdf_pages(&pdf);
    assert!(
        pages.len() >= 3,
        "{} pages: not long enough for the test",
        pages.len()
    );
    for (i, page) in pages.iter().enumerate() {
        let head = page.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        assert!(
            head.contains("a · 26 November 2026") && head.contains("DRAFT"),
            "page {}: no DRAFT mark beside the running head\n{page}",
            i + 1
        );
    }
}
