//! The templates built into the binary, by backend: what `--templates DIR` may override.

/// One template: its internal name (what `{{> name}}` uses), its file name (what
/// `--templates` overrides and errors show) and the embedded text.
pub(super) struct Template {
    pub name: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

/// The HTML backend's templates.
pub(super) const HTML: [Template; 6] = [
    Template {
        name: "style",
        file: "style.css.hbs",
        text: include_str!("templates/style.css.hbs"),
    },
    Template {
        name: "party_card",
        file: "party_card.html.hbs",
        text: include_str!("templates/party_card.html.hbs"),
    },
    Template {
        name: "signature",
        file: "signature.html.hbs",
        text: include_str!("templates/signature.html.hbs"),
    },
    Template {
        name: "contract",
        file: "contract.html.hbs",
        text: include_str!("templates/contract.html.hbs"),
    },
    Template {
        name: "index",
        file: "index.html.hbs",
        text: include_str!("templates/index.html.hbs"),
    },
    Template {
        name: "catalogue",
        file: "catalogue.html.hbs",
        text: include_str!("templates/catalogue.html.hbs"),
    },
];

/// The Markdown backend's templates.
pub(super) const MARKDOWN: [Template; 2] = [
    Template {
        name: "contract",
        file: "contract.md.hbs",
        text: include_str!("templates/contract.md.hbs"),
    },
    Template {
        name: "catalogue",
        file: "catalogue.md.hbs",
        text: include_str!("templates/catalogue.md.hbs"),
    },
];

/// The register page's templates (`internal/register.html`): the house style and the page.
pub(super) const REGISTER: [Template; 2] = [
    Template {
        name: "style",
        file: "style.css.hbs",
        text: include_str!("templates/style.css.hbs"),
    },
    Template {
        name: "register",
        file: "register.html.hbs",
        text: include_str!("templates/register.html.hbs"),
    },
];
