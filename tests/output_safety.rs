//! The writer replaces an output directory only when slac wrote everything in it
//! (docs/cli.md, `slac build`): anything else is refused with exit 2 and left byte for byte
//! as it was, with nothing created beside it.

use crate::common::{Run, Slac};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const ACME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme");

/// Runs the real binary in `cwd`.
fn slac_in(cwd: &Path, args: &[&str]) -> Run {
    Slac::new().args(args).current_dir(cwd).run()
}

/// `slac build examples/acme --out OUT --today 2026-11-26 [EXTRA…]`, run in `cwd`.
fn build_in(cwd: &Path, out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["build", ACME, "--out", out, "--today", "2026-11-26"];
    args.extend_from_slice(extra);
    slac_in(cwd, &args)
}

#[derive(Debug, PartialEq, Eq)]
enum Node {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

/// Every path below `root` (not following links) with what it is and holds.
fn tree(root: &Path) -> BTreeMap<PathBuf, Node> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).expect("list") {
            let path = e.expect("entry").path();
            let rel = path.strip_prefix(root).expect("below").to_path_buf();
            let kind = fs::symlink_metadata(&path).expect("stat").file_type();
            if kind.is_symlink() {
                out.insert(rel, Node::Link(fs::read_link(&path).expect("link")));
            } else if kind.is_dir() {
                out.insert(rel, Node::Dir);
                stack.push(path);
            } else {
                out.insert(rel, Node::File(fs::read(&path).expect("read")));
            }
        }
    }
    out
}

/// The files and directories (ending in `/`) below `out`, as the manifest writes them.
/// What `out` holds, as the manifest writes it: `dir/` for a directory, sorted as strings
/// (`prometheus-operator/` before `prometheus/`).
fn listing(out: &Path) -> Vec<String> {
    let mut all: Vec<String> = tree(out)
        .into_iter()
        .filter(|(p, _)| p != Path::new(slac::output::MANIFEST))
        .map(|(p, n)| {
            let s = p.to_str().expect("utf-8").to_owned();
            if n == Node::Dir {
                format!("{s}/")
            } else {
                s
            }
        })
        .collect();
    all.sort();
    all
}

fn manifest_lines(out: &Path) -> Vec<String> {
    let text = fs::read_to_string(out.join(slac::output::MANIFEST)).expect("manifest");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("# slac build manifest v1"));
    lines.map(str::to_owned).collect()
}

/// Builds into `site` inside a temporary directory prepared by `plant`, and expects a
/// refusal naming `named`, with the whole temporary directory unchanged.
fn refused(plant: impl FnOnce(&Path), named: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    fs::create_dir_all(&site).expect("mkdir");
    plant(&site);
    let before = tree(dir.path());
    let r = build_in(dir.path(), "site", &[]);
    r.assert_code(2);
    r.assert_stderr_contains("refusing to replace `site`");
    assert!(r.stderr.contains(&format!("`{named}`")), "{}", r.stderr);
    r.assert_stderr_contains("help: ");
    assert_eq!(
        before,
        tree(dir.path()),
        "not a byte changed, nothing beside"
    );
}

#[test]
fn a_foreign_file_is_refused_and_left_as_it_was() {
    refused(
        |site| fs::write(site.join("notes.txt"), "mine").expect("write"),
        "notes.txt",
    );
}

#[test]
fn a_foreign_subdirectory_is_refused_and_left_as_it_was() {
    refused(
        |site| {
            fs::create_dir_all(site.join("drafts/old")).expect("mkdir");
            fs::write(site.join("drafts/plan.md"), "plan").expect("write");
        },
        "drafts/",
    );
}

#[test]
fn an_empty_foreign_subdirectory_is_refused_too() {
    refused(
        |site| fs::create_dir_all(site.join("empty")).expect("mkdir"),
        "empty/",
    );
}

#[test]
fn a_git_clone_is_refused_and_left_as_it_was() {
    refused(
        |site| {
            fs::create_dir_all(site.join(".git/objects/ab")).expect("mkdir");
            fs::write(site.join(".git/HEAD"), "ref: refs/heads/main\n").expect("write");
            fs::write(site.join(".git/objects/ab/cdef"), [0u8, 1, 2]).expect("write");
            fs::write(site.join("README.md"), "# site\n").expect("write");
        },
        ".git/",
    );
}

#[test]
fn a_symbolic_link_inside_is_refused_and_left_as_it_was() {
    refused(
        |site| {
            let elsewhere = site.parent().expect("parent").join("elsewhere");
            fs::create_dir_all(&elsewhere).expect("mkdir");
            fs::write(elsewhere.join("keep.txt"), "keep").expect("write");
            std::os::unix::fs::symlink("../elsewhere", site.join("link")).expect("symlink");
        },
        "link (a symbolic link)",
    );
}

#[test]
fn a_manifest_written_by_hand_does_not_make_a_directory_slacs() {
    refused(
        |site| {
            fs::write(site.join(".slac-build"), "html/index.html\n").expect("write");
            fs::create_dir_all(site.join("html")).expect("mkdir");
            fs::write(site.join("html/index.html"), "mine").expect("write");
        },
        ".slac-build",
    );
}

#[test]
fn a_file_added_to_an_earlier_output_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = build_in(dir.path(), "site", &[]);
    r.assert_code(0);
    fs::write(dir.path().join("site/internal/html/notes.txt"), "mine").expect("write");
    let html = dir.path().join("site/internal/html/index.html");
    fs::remove_file(&html).expect("rm");
    std::os::unix::fs::symlink("/etc/hostname", &html).expect("symlink");
    let before = tree(dir.path());
    let r = build_in(dir.path(), "site", &[]);
    r.assert_code(2);
    assert!(
        r.stderr.contains(
            "it holds 2 entries slac did not write: `internal/html/index.html (a symbolic link)`, `internal/html/notes.txt`"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(before, tree(dir.path()));
}

#[test]
fn a_refusal_names_five_entries_sorted_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    fs::create_dir_all(home.join(".ssh")).expect("mkdir");
    fs::write(
        home.join(".ssh/id_rsa"),
        "-----BEGIN OPENSSH PRIVATE KEY-----\n",
    )
    .expect("write");
    for name in [".bashrc", ".profile", "b.txt", "a.txt", "c.txt", "d.txt"] {
        fs::write(home.join(name), name).expect("write");
    }
    let before = tree(dir.path());
    let r = build_in(dir.path(), home.to_str().expect("utf-8"), &[]);
    r.assert_code(2);
    assert!(
        r.stderr.contains(
            "it holds 7 entries slac did not write: `.bashrc`, `.profile`, `.ssh/`, `a.txt`, `b.txt` and 2 more"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(before, tree(dir.path()));
}

#[test]
fn a_second_build_replaces_the_first_and_the_manifest_lists_exactly_what_is_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let r = build_in(dir.path(), "site", &["--emit", "html,json"]);
    r.assert_code(0);
    assert_eq!(manifest_lines(&site), listing(&site));
    assert!(listing(&site).contains(&"internal/html/".to_owned()));
    let r = build_in(dir.path(), "site", &["--emit", "markdown"]);
    r.assert_code(0);
    assert!(!site.join("internal/html").exists(), "replaced as a whole");
    let lines = manifest_lines(&site);
    assert_eq!(lines, listing(&site));
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    let beside: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside, ["site"], "no lock, staging or old output left");
}

#[test]
fn an_empty_directory_is_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("site")).expect("mkdir");
    let r = build_in(dir.path(), "site", &[]);
    r.assert_code(0);
    assert_eq!(
        manifest_lines(&dir.path().join("site")),
        listing(&dir.path().join("site"))
    );
}

#[test]
fn out_git_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join(".git/refs")).expect("mkdir");
    fs::write(dir.path().join(".git/HEAD"), "ref: refs/heads/main\n").expect("write");
    let before = tree(dir.path());
    let r = build_in(dir.path(), ".git", &[]);
    r.assert_code(2);
    r.assert_stderr_contains("`HEAD`");
    assert_eq!(before, tree(dir.path()));
}

#[test]
fn the_templates_directory_is_refused_as_out() {
    for with_template in [false, true] {
        let dir = tempfile::tempdir().expect("temp dir");
        let tpl = dir.path().join("tpl");
        fs::create_dir_all(&tpl).expect("mkdir");
        if with_template {
            let embedded = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/emit/templates/contract.md.hbs"
            );
            fs::copy(embedded, tpl.join("contract.md.hbs")).expect("copy");
        }
        let before = tree(dir.path());
        let r = build_in(dir.path(), "tpl", &["--templates", "tpl"]);
        r.assert_code(2);
        r.assert_stderr_contains("the templates");
        assert_eq!(before, tree(dir.path()));
    }
}

#[test]
fn synth_is_held_to_the_same_rule() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("Cargo.toml"), "[package]\n").expect("write");
    let here = dir.path().to_str().expect("utf-8");
    let before = tree(dir.path());
    let r = slac_in(dir.path(), &["synth", "--services", "2", "--out", here]);
    r.assert_code(2);
    r.assert_stderr_contains("`Cargo.toml`");
    assert_eq!(before, tree(dir.path()));

    let empty = tempfile::tempdir().expect("temp dir");
    let here = empty.path().to_str().expect("utf-8");
    let r = slac_in(empty.path(), &["synth", "--services", "2", "--out", here]);
    r.assert_code(2);
    r.assert_stderr_contains("current directory");
    assert!(tree(empty.path()).is_empty());

    let r = slac_in(dir.path(), &["synth", "--services", "2", "--out", "data"]);
    r.assert_code(0);
    let r = slac_in(dir.path(), &["synth", "--services", "2", "--out", "data"]);
    r.assert_code(0);
    assert!(dir.path().join("data/portfolio").is_dir());
}

#[test]
fn a_relative_out_through_a_symbolic_link_is_refused_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().join("repo");
    fs::create_dir_all(dir.path().join("elsewhere/site")).expect("mkdir");
    fs::create_dir_all(&repo).expect("mkdir");
    std::os::unix::fs::symlink("../elsewhere", repo.join("public")).expect("symlink");
    let before = tree(dir.path());
    for out in ["public/site", "./public/site", "public/new/site"] {
        let r = build_in(&repo, out, &[]);
        assert_eq!(r.status.code(), Some(2), "{out}: {}", r.stderr);
        assert!(
            r.stderr.contains("refusing to write through `public`")
                || r.stderr.contains("refusing to write through `./public`"),
            "{}",
            r.stderr
        );
        assert_eq!(before, tree(dir.path()));
    }
}

#[test]
fn leftovers_of_a_killed_build_are_removed_by_the_next_and_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    // A staging directory cut short: the manifest, and some of what it lists.
    let stage = p.join(".site.slac-stage-Ab12Cd34");
    fs::create_dir_all(stage.join("html")).expect("mkdir");
    fs::write(
        stage.join(".slac-build"),
        "# slac build manifest v1\nhtml/\nhtml/index.html\njson/\njson/portfolio.json\n",
    )
    .expect("write");
    fs::write(stage.join("html/index.html"), "<html>").expect("write");
    fs::create_dir(p.join(".site.slac-old-4242")).expect("mkdir");
    fs::write(p.join(".site.slac-lock"), "").expect("write");
    // Not slac's, whatever the names say.
    let kept = [
        p.join(".site.slac-stage-mine"),
        p.join(".site.slac-stage-x.slac-stage-ab"),
        p.join(".other.slac-stage-Ab12Cd34"),
    ];
    fs::create_dir_all(&kept[0]).expect("mkdir");
    fs::write(kept[0].join("thesis.tex"), "years of work").expect("write");
    fs::create_dir_all(&kept[1]).expect("mkdir");
    fs::create_dir_all(&kept[2]).expect("mkdir");
    let r = build_in(p, "site", &[]);
    r.assert_code(0);
    let mut beside: Vec<String> = fs::read_dir(p)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [
            ".other.slac-stage-Ab12Cd34",
            ".site.slac-stage-mine",
            ".site.slac-stage-x.slac-stage-ab",
            "site"
        ]
    );
    assert_eq!(
        fs::read_to_string(kept[0].join("thesis.tex")).expect("kept"),
        "years of work"
    );
}

#[test]
fn concurrent_builds_of_one_directory_run_one_after_the_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    let emits = [
        "markdown",
        "json",
        "html,prometheus",
        "markdown",
        "json",
        "openslo",
    ];
    // Each build on its own thread, so that all of them run at once.
    let runs: Vec<_> = emits
        .iter()
        .map(|&emit| {
            let cwd = dir.path().to_path_buf();
            std::thread::spawn(move || {
                Slac::new()
                    .args([
                        "build",
                        ACME,
                        "--out",
                        "site",
                        "--today",
                        "2026-11-26",
                        "--emit",
                        emit,
                    ])
                    .current_dir(cwd)
                    .run()
            })
        })
        .collect();
    for run in runs {
        let r = run.join().expect("slac runs");
        r.assert_code(0);
    }
    let site = dir.path().join("site");
    let lines = manifest_lines(&site);
    assert_eq!(lines, listing(&site), "one complete build");
    let tops: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_suffix('/'))
        .filter(|l| !l.contains('/'))
        .collect();
    assert!(
        emits.iter().any(|e| {
            // Contracts go under `internal/` and `customers/`, the rest by name.
            let mut want: Vec<&str> = e
                .split(',')
                .flat_map(|b| match b {
                    "html" | "markdown" => vec!["customers", "internal"],
                    other => vec![other],
                })
                .collect();
            want.sort_unstable();
            want.dedup();
            want == tops
        }),
        "{tops:?} is the output of one build"
    );
    let beside: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside, ["site"]);
}

#[test]
fn the_writer_refuses_an_artifact_named_like_its_manifest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let a = slac::output::Artifact::text(slac::output::MANIFEST, "x");
    assert!(slac::output::write_all(&out, &[a]).is_err());
    assert!(!out.exists());
}

#[test]
fn an_out_that_names_no_directory_of_its_own_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("a")).expect("mkdir");
    let before = tree(dir.path());
    for out in [".", "a/..", "/"] {
        let r = build_in(&dir.path().join("a"), out, &[]);
        assert_eq!(r.status.code(), Some(2), "{out}: {}", r.stderr);
        assert_eq!(before, tree(dir.path()));
    }
}
