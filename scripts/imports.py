#!/usr/bin/env python3
"""File-level import graph of src/: prints pairs of files that import each other
(directly) and cycles between top-level modules. Exit 1 if any pair is found."""
import os, re, sys, itertools
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
root = os.path.normpath(root)
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith(".rs"):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)[:-3]
            parts = rel.split(os.sep)
            if parts[-1] == "mod" or parts == ["lib"] or parts == ["main"]:
                parts = parts[:-1]
            files[tuple(parts)] = os.path.relpath(p, os.path.dirname(root))
def resolve(path):
    # longest prefix that is a file module
    for n in range(len(path), 0, -1):
        if tuple(path[:n]) in files:
            return tuple(path[:n])
    return None
use_re = re.compile(r"\buse\s+((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)*)(::\{([^;]*)\})?", re.S)
path_re = re.compile(r"\b((?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+)")
edges = {k: set() for k in files}
for mod, f in files.items():
    src = open(os.path.join(os.path.dirname(root), f)).read()
    # strip #[cfg(test)] mod tests { ... } crudely: cut at "#[cfg(test)]\nmod tests"
    i = src.find("#[cfg(test)]\nmod tests")
    if i >= 0: src = src[:i]
    here = list(mod)
    # `a/mod.rs` and `a.rs` beside a folder `a/` both have children.
    is_dir = f.endswith("mod.rs") or f.endswith("lib.rs") or os.path.isdir(
        os.path.join(os.path.dirname(root), f[:-3]))
    cands = []
    for m in use_re.finditer(src):
        base = m.group(1).split("::")
        inner = m.group(3)
        if inner:
            for item in re.split(r",", inner):
                item = item.strip().split(" as ")[0].strip()
                if not item: continue
                cands.append(base + [x for x in re.split(r"::", item) if x and x not in "{}"])
        else:
            cands.append(base)
    for m in path_re.finditer(src):
        cands.append(m.group(1).split("::"))
    if is_dir:
        for m in re.finditer(r"(?<![:A-Za-z0-9_])([a-z_][a-z0-9_]*)::", src):
            if tuple(here + [m.group(1)]) in files:
                cands.append(["self", m.group(1)])
    for c in cands:
        if c[0] == "crate": p = c[1:]
        elif c[0] in ("super", "self"):
            # `super` is the parent module, whether this file is `a/mod.rs` or `a.rs`.
            p = here[:-1] if c[0] == "super" else here[:]
            rest = c[1:]
            if c[0] == "super":
                while rest and rest[0] == "super":
                    p = p[:-1]; rest = rest[1:]
            p = p + rest
        else: continue
        t = resolve(p)
        if t and t != mod: edges[mod].add(t)
bad = 0
for a, b in itertools.combinations(sorted(files), 2):
    if b in edges[a] and a in edges[b]:
        # a parent module re-exporting/declaring its child is not an import cycle
        print(f"{files[a]} <-> {files[b]}"); bad += 1
print(f"{bad} pairs of files import each other", file=sys.stderr)
sys.exit(1 if bad else 0)
