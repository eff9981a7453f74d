"""Mutated portfolios through the real binary.

`check`, `build` and `fmt --check` must exit 0, 1 or 2 (never 101, a panic), finish
within 20 seconds, write nothing beside the input and `--out`, and print no control
character (but tab and line feed) without colour.

Usage: cargo build --release && python3 fuzz/cli_mutations.py [SEED] [COUNT]
"""
import glob
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target/release/slac")
PIECES = ["{", "}", "(", ")", ",", "-", '"', "#", "%", ":", "\n", " ", "0", "9", "24:00",
          "99.999%", "100%", "0m", "1w", "2026-02-29", "always", "any_of(", "extends ",
          "region r { ", "level ", "sla x { ", "service ", "during ", "\u00e9", "\\u{", '"""',
          "9999-12-31", "0001-01-01", "1ms", "520w", "depends_on a, b"]
# Every line-breaking and control code point (issue 14): C0, DEL, C1 (NEL U+0085 among
# them), the line and paragraph separators, the bidirectional controls and a BOM, alone
# and inside strings and comments, where they once broke out of YAML and Markdown.
CONTROLS = [chr(c) for c in range(0x00, 0x20)] + [chr(0x7F)] + \
    [chr(c) for c in range(0x80, 0xA0)] + \
    ["\u2028", "\u2029", "\ufeff"] + [chr(c) for c in range(0x202A, 0x202F)] + \
    [chr(c) for c in range(0x2066, 0x206A)]
PIECES += CONTROLS + ['"' + c + '"' for c in CONTROLS] + ["# " + c + " x\n" for c in CONTROLS]


def mutate(text, rng):
    for _ in range(rng.randint(1, 5)):
        a = rng.randint(0, len(text))
        k = rng.random()
        if k < 0.4:
            text = text[:a] + text[min(len(text), a + rng.randint(0, 40)):]
        elif k < 0.8:
            text = text[:a] + rng.choice(PIECES) + text[a:]
        else:
            b = min(len(text), a + rng.randint(0, 200))
            text = text[:b] + text[a:b] + text[b:]
    return text


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(seed)
    files = sorted(glob.glob(os.path.join(ROOT, "examples/*/*.sla")))
    files += sorted(glob.glob(os.path.join(ROOT, "tests/ui/*/*.sla")))
    texts = {p: open(p, encoding="utf-8").read() for p in files}
    work = tempfile.mkdtemp(prefix="slac-cli-fuzz-")
    findings = 0
    for i in range(count):
        path = rng.choice(files)
        case = os.path.join(work, "case")
        shutil.rmtree(case, ignore_errors=True)
        os.makedirs(os.path.join(case, "in"))
        # An example is mutated inside its whole portfolio; a UI case is a portfolio.
        if "/examples/" in path:
            for other in glob.glob(os.path.join(os.path.dirname(path), "*.sla")):
                with open(os.path.join(case, "in", os.path.basename(other)), "w") as f:
                    f.write(texts[other])
        mutated = os.path.join(case, "in", os.path.basename(path))
        with open(mutated, "w") as f:
            f.write(mutate(texts[path], rng))
        for cmd in (["check", "--today", "2026-11-26"],
                    ["build", "--out", os.path.join(case, "out"), "--today", "2026-11-26"],
                    ["fmt", "--check"]):
            keep = os.path.join(work, f"finding_{i}_{cmd[0]}.sla")
            try:
                r = subprocess.run([BIN, cmd[0], os.path.join(case, "in")] + cmd[1:],
                                   capture_output=True, timeout=20,
                                   env=dict(os.environ, NO_COLOR="1"))
                if r.returncode not in (0, 1, 2):
                    findings += 1
                    shutil.copy(mutated, keep)
                    print("EXIT", r.returncode, cmd[0], path, r.stderr.decode()[-300:])
                # Without colour nothing in the output may drive a terminal.
                shown = (r.stdout + r.stderr).decode("utf-8", "replace")
                raw = [c for c in shown if c in CONTROLS and c not in "\t\n"]
                if raw:
                    findings += 1
                    shutil.copy(mutated, keep)
                    print("CONTROL", cmd[0], path, sorted({hex(ord(c)) for c in raw}))
            except subprocess.TimeoutExpired:
                findings += 1
                shutil.copy(mutated, keep)
                print("HANG", cmd[0], path)
        stray = [x for x in os.listdir(case) if x not in ("in", "out")]
        if stray:
            findings += 1
            print("STRAY", stray)
    print(f"{count} mutated portfolios, {findings} findings (kept in {work})")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
