//! What `slac` reads from a portfolio someone else wrote (docs/cli.md, "What slac reads"):
//! a symbolic link only to a regular file inside the root, never a FIFO or a device, each
//! file once however it is spelled, and no more than the size limits.

use crate::common::{Run, Slac};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SLA: &str = "provider acme \"Acme\"\nservice api \"API\"\n";
const SECRET: &str = "planted-secret-7f3a9c";

fn portfolio() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("p")).expect("portfolio dir");
    std::fs::write(dir.path().join("p/a.sla"), SLA).expect("write a.sla");
    dir
}

fn p(dir: &tempfile::TempDir) -> String {
    dir.path().join("p").to_string_lossy().into_owned()
}

/// Runs the binary with a deadline: a run that blocks (on a FIFO, on /dev/zero) fails
/// the test instead of hanging it.
fn slac_within(args: &[&str], env: &[(&str, &str)], limit: Duration) -> Run {
    let mut slac = Slac::new().args(args).timeout(limit);
    for (k, v) in env {
        slac = slac.env(k, v);
    }
    slac.run()
}

fn refused(out: &Run, name: &str) {
    out.assert_code(2);
    let err = &out.stderr;
    assert!(err.contains(name), "the message names `{name}`: {err}");
    assert!(err.contains("refusing to read"), "{err}");
}

fn no_secret(out: &Run) {
    assert!(!out.stdout.contains(SECRET), "stdout leaks: {}", out.stdout);
    assert!(!out.stderr.contains(SECRET), "stderr leaks: {}", out.stderr);
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_root_is_refused_without_its_content() {
    let dir = portfolio();
    // A secret that would even parse as an error message's source line.
    std::fs::write(dir.path().join("secret.txt"), format!("{SECRET} = 1\n")).expect("secret");
    symlink("../secret.txt", dir.path().join("p/evil.sla"));
    let out = Slac::new().args(["check", &p(&dir)]).run();
    refused(&out, "evil.sla");
    no_secret(&out);
    // Given as a file argument, the root is its directory: still outside.
    let link = dir.path().join("p/evil.sla");
    let out = Slac::new()
        .args(["check", &link.to_string_lossy(), "--format", "json"])
        .run();
    refused(&out, "evil.sla");
    no_secret(&out);
}

#[cfg(target_os = "linux")]
#[test]
fn a_link_to_the_process_environment_is_refused() {
    let dir = portfolio();
    symlink("/proc/self/environ", dir.path().join("p/env.sla"));
    let out = slac_within(
        &["check", &p(&dir)],
        &[("SLAC_TEST_SECRET", SECRET)],
        Duration::from_secs(20),
    );
    refused(&out, "env.sla");
    no_secret(&out);
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_refused_at_once() {
    let dir = portfolio();
    symlink("/dev/zero", dir.path().join("p/zero.sla"));
    let started = Instant::now();
    let out = slac_within(&["check", &p(&dir)], &[], Duration::from_secs(20));
    refused(&out, "zero.sla");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_root_to_a_device_inside_is_refused() {
    // Only the target's kind matters once it is inside: a FIFO behind a link is refused.
    let dir = portfolio();
    let fifo = dir.path().join("p/pipe");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    symlink("pipe", dir.path().join("p/link.sla"));
    let out = slac_within(&["check", &p(&dir)], &[], Duration::from_secs(20));
    refused(&out, "link.sla");
    out.assert_stderr_contains("FIFO");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = portfolio();
    let fifo = dir.path().join("p/b.sla");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = slac_within(&["check", &p(&dir)], &[], Duration::from_secs(20));
    refused(&out, "b.sla");
    out.assert_stderr_contains("FIFO");
    // Named on the command line, too.
    let out = slac_within(
        &["check", &fifo.to_string_lossy()],
        &[],
        Duration::from_secs(20),
    );
    refused(&out, "b.sla");
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_root_to_a_file_inside_is_read_once() {
    let dir = portfolio();
    std::fs::create_dir(dir.path().join("p/shared")).expect("dir");
    std::fs::write(
        dir.path().join("p/shared/calendar.txt"),
        "customer globex \"Globex\"\n",
    )
    .expect("write");
    symlink("shared/calendar.txt", dir.path().join("p/b.sla"));
    // A second name for a.sla: still one file, so no duplicate definitions (E0201).
    symlink("a.sla", dir.path().join("p/0-alias.sla"));
    let out = Slac::new()
        .args(["check", &p(&dir), "--format", "json"])
        .run();
    out.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(json["summary"]["files"], 2, "{json}");
    assert!(!out.stdout.contains("E0201"), "{}", out.stdout);
    // The file itself is shown, not the alias.
    assert!(!out.stdout.contains("0-alias.sla"), "{}", out.stdout);
}

#[test]
fn one_directory_spelled_several_ways_is_one_portfolio() {
    let dir = portfolio();
    let plain = p(&dir);
    let dotted = format!("{}/./p/", dir.path().display());
    let file = format!("{plain}/a.sla");
    let out = Slac::new()
        .args(["check", &plain, &dotted, &file, "--format", "json"])
        .run();
    out.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(json["summary"]["files"], 1, "{json}");
    assert!(!out.stdout.contains("E0201"), "{}", out.stdout);
    // The first spelling is the one diagnostics show.
    let shown = json["diagnostics"][0]["labels"][0]["file"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        shown.starts_with(&plain) && !shown.contains("/./"),
        "{json}"
    );
}

#[test]
fn examples_given_twice_check_as_once() {
    let out = Slac::new()
        .args([
            "check",
            "examples/acme",
            "./examples/acme",
            "--format",
            "json",
        ])
        .run();
    out.assert_code(0);
    assert!(!out.stdout.contains("E0201"));
}

#[test]
fn a_file_over_the_limit_is_refused_by_what_it_holds() {
    let dir = portfolio();
    let big = dir.path().join("p/big.sla");
    let f = std::fs::File::create(&big).expect("create");
    // Sparse: no disk space is used, but reading it yields every byte.
    f.set_len(slac::load::MAX_FILE_BYTES + 1).expect("set_len");
    drop(f);
    let out = slac_within(&["check", &p(&dir)], &[], Duration::from_secs(60));
    out.assert_code(2);
    out.assert_stderr_contains("big.sla");
    out.assert_stderr_contains("64 MiB");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn slac_in(dir: &Path, args: &[&str]) -> Run {
    Slac::new().args(args).current_dir(dir).run()
}

/// A repository whose `p/` holds `a.sla`, committed with whatever `setup` adds.
#[cfg(unix)]
fn repo(setup: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = dir.path();
    git(r, &["init", "-q", "-b", "main"]);
    git(r, &["config", "user.name", "Test"]);
    git(r, &["config", "user.email", "test@example.com"]);
    std::fs::create_dir(r.join("p")).expect("mkdir");
    std::fs::write(r.join("p/a.sla"), SLA).expect("write");
    setup(r);
    git(r, &["add", "."]);
    git(r, &["commit", "-q", "-m", "base"]);
    dir
}

#[cfg(unix)]
#[test]
fn diff_git_refuses_a_link_in_the_revision_that_leads_outside() {
    let dir = repo(|r| {
        std::fs::write(r.join("secret.txt"), format!("{SECRET} = 1\n")).expect("secret");
        symlink("../secret.txt", r.join("p/evil.sla"));
        symlink("/etc/passwd", r.join("p/abs.sla"));
    });
    // The working tree no longer has the links; the revision does.
    std::fs::remove_file(dir.path().join("p/evil.sla")).expect("rm");
    std::fs::remove_file(dir.path().join("p/abs.sla")).expect("rm");
    let out = slac_in(dir.path(), &["diff", "--git", "HEAD", "p"]);
    out.assert_code(2);
    out.assert_stderr_contains("HEAD:p/abs.sla");
    out.assert_stderr_contains("symbolic link");
    no_secret(&out);
}

#[cfg(unix)]
#[test]
fn diff_git_follows_a_link_in_the_revision_to_a_file_inside_once() {
    let dir = repo(|r| symlink("a.sla", r.join("p/alias.sla")));
    let out = slac_in(
        dir.path(),
        &["diff", "--git", "HEAD", "p", "--format", "json"],
    );
    out.assert_code(0);
    assert!(!out.stderr.contains("E0201"), "{}", out.stderr);
    let r: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(r["changes"].as_array().map(Vec::len), Some(0), "{r}");
}

#[cfg(unix)]
#[test]
fn fmt_rewrites_the_target_of_a_link_and_keeps_the_link() {
    let dir = portfolio();
    std::fs::create_dir(dir.path().join("p/shared")).expect("dir");
    let target = dir.path().join("p/shared/b.txt");
    std::fs::write(&target, "customer   globex \"Globex\"\n").expect("write");
    let link = dir.path().join("p/b.sla");
    symlink("shared/b.txt", &link);
    let out = Slac::new().args(["fmt", &p(&dir)]).run();
    out.assert_code(0);
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "customer globex \"Globex\"\n"
    );
}
