#!/usr/bin/env python3
"""Checks that dependencies between the folders of Sources/Assay run one way (CONTRIBUTING.md).

What it checks, and nothing more: each folder has a layer; every type (struct, enum, class,
protocol, actor, typealias) and every top-level function declared in a folder's Swift files is a
name of that layer; a Swift file that mentions, outside comments and string literals, a name
declared only in a higher layer is a violation. Folders on the same layer may not use each other
either. Extensions, members and protocol conformances are not followed; a name declared in several
folders counts as the lowest one. Exit status 1 on a violation (or an unknown folder), else 0.
"""
import os
import re
import sys

# Lowest first. A folder may use its own names and those of folders on lower layers.
LAYERS = [
    ["Model"],
    ["Record"],
    ["Text"],
    ["Ingest"],
    ["Rules"],
    ["Match"],
    ["Resolve"],
    ["Link"],
    ["Pipeline"],
    ["Batch"],
    ["Eval"],
]

DECL = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private|final|indirect|nonisolated)\s+)*"
    r"(?:struct|enum|class|protocol|actor|typealias)\s+([A-Za-z_]\w*)",
    re.M,
)
TOP_FUNC = re.compile(r"^(?:(?:public|package|internal|fileprivate|private|@inlinable)\s+)*func\s+([A-Za-z_]\w*)", re.M)
# Violations known when the script was written and not yet fixed (issue 14): reported on every
# run, but only a violation not listed here fails the check. Remove an entry once it is fixed.
KNOWN = set()
IDENT = re.compile(r"[A-Za-z_]\w*")


def strip(src):
    """Source without comments and string literals (multi-line strings included)."""
    src = re.sub(r'"""[\s\S]*?"""', '""', src)
    src = re.sub(r"/\*[\s\S]*?\*/", " ", src)
    src = re.sub(r"//[^\n]*", " ", src)
    src = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', src)
    return src


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Sources", "Assay")
    layer_of = {f: i for i, fs in enumerate(LAYERS) for f in fs}
    files = {}
    problems = []
    for d in sorted(os.listdir(root)):
        path = os.path.join(root, d)
        if not os.path.isdir(path) or d.endswith(".docc"):  # a DocC catalog holds no Swift
            continue
        if d not in layer_of:
            problems.append(f"{d}/: folder has no layer in Scripts/check_layers.py")
            continue
        for dp, _, fs in os.walk(path):
            for f in sorted(fs):
                if f.endswith(".swift"):
                    with open(os.path.join(dp, f), encoding="utf-8") as h:
                        files[os.path.relpath(os.path.join(dp, f), root)] = (d, strip(h.read()))
    known = []
    owner = {}  # name -> (layer, folder)
    for rel, (d, src) in files.items():
        for name in DECL.findall(src) + TOP_FUNC.findall(src):
            cur = owner.get(name)
            if cur is None or layer_of[d] < cur[0]:
                owner[name] = (layer_of[d], d)
    for rel, (d, src) in sorted(files.items()):
        mine = layer_of[d]
        seen = set()
        for name in IDENT.findall(src):
            if name in seen or name not in owner:
                continue
            seen.add(name)
            layer, folder = owner[name]
            if folder != d and layer >= mine:
                line = f"{rel}: uses {name} from {folder}/ (layer {layer} >= {mine})"
                if (rel, name) in KNOWN:
                    known.append(line)
                else:
                    problems.append(line)
    for k in known:
        print(f"known, not yet fixed: {k}")
    for p in problems:
        print(p)
    if problems:
        print(f"check_layers: {len(problems)} violation(s)", file=sys.stderr)
        return 1
    print(f"check_layers: {len(files)} files in {len(set(d for d, _ in files.values()))} folders, dependencies run one way")
    return 0


if __name__ == "__main__":
    sys.exit(main())
