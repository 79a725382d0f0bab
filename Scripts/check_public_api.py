#!/usr/bin/env python3
"""Checks the Assay library's public API from outside the package.

Usage: check_public_api.py BIN_PATH   (BIN_PATH: `swift build --show-bin-path`, after `swift build`)

1. Type-checks Tests/AssayAPITests as code of another package (`swiftc -typecheck -package-name
   AssayAPIConsumer` over the built modules): only `public` declarations are visible to it, not `package`
   ones (which a test target of this package would see). A one-line probe that uses a `package`
   declaration must fail first, so the check cannot pass because the package name was not taken.
2. Builds the DocC catalog (Sources/Assay/Assay.docc) over the public symbol graph only
   (`swift-symbolgraph-extract -minimum-access-level public`, `docc convert --warnings-as-errors`): a
   link in the catalog or in a public doc comment to a symbol that is not public fails it.

Exit status 1 when any goes wrong.
"""
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A package declaration of the Assay library another package must not see.
PACKAGE_ONLY = 'import Assay\nlet r = Record.failure(source: "x", code: .unreadable, message: "m")\n'


def flags(bin_path):
    out = ["-I", os.path.join(bin_path, "Modules")]
    # C modules of dependencies with their own module map (include/module.modulemap) ...
    for m in sorted(glob.glob(os.path.join(ROOT, ".build", "checkouts", "*", "Sources", "*", "include", "module.modulemap"))):
        out += ["-I", os.path.dirname(m)]
    # ... and the module maps SwiftPM generated for the other C targets (ICUShim, WebShim, …).
    for m in sorted(glob.glob(os.path.join(bin_path, "*.build", "module.modulemap"))):
        out += ["-Xcc", "-fmodule-map-file=" + m]
    return out


def typecheck(files, bin_path):
    cmd = ["swiftc", "-typecheck", "-swift-version", "6", "-package-name", "AssayAPIConsumer"] + flags(bin_path) + files
    return subprocess.run(cmd, capture_output=True, text=True)


def check_docs(bin_path):
    """The catalog and the public doc comments link only public symbols (None when so, else the report)."""
    with tempfile.TemporaryDirectory() as tmp:
        graphs = os.path.join(tmp, "graphs")
        os.makedirs(graphs)
        target = os.path.basename(os.path.dirname(os.path.abspath(bin_path)))  # x86_64-unknown-linux-gnu
        r = subprocess.run(
            ["swift-symbolgraph-extract", "-module-name", "Assay", "-target", target, "-minimum-access-level", "public",
             "-output-dir", graphs] + flags(bin_path), capture_output=True, text=True)
        if r.returncode != 0:
            return "swift-symbolgraph-extract failed:\n" + r.stderr
        r = subprocess.run(
            ["docc", "convert", os.path.join(ROOT, "Sources", "Assay", "Assay.docc"), "--additional-symbol-graph-dir",
             graphs, "--fallback-display-name", "Assay", "--fallback-bundle-identifier", "assay.Assay",
             "--warnings-as-errors", "--output-path", os.path.join(tmp, "Assay.doccarchive")],
            capture_output=True, text=True)
        if r.returncode != 0:
            return "docc convert found problems in the public documentation:\n" + r.stdout + r.stderr
    return None


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    bin_path = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, "Probe.swift")
        with open(probe, "w") as f:
            f.write(PACKAGE_ONLY)
        r = typecheck([probe], bin_path)
        if r.returncode == 0 or "'package' protection level" not in r.stderr:
            print("check_public_api: a package declaration was visible to another package (or the probe failed "
                  "for another reason):\n" + r.stderr, file=sys.stderr)
            return 1
    tests = sorted(glob.glob(os.path.join(ROOT, "Tests", "AssayAPITests", "*.swift")))
    r = typecheck(tests, bin_path)
    if r.returncode != 0:
        print("check_public_api: Tests/AssayAPITests uses more than the public API:\n" + r.stderr, file=sys.stderr)
        return 1
    problem = check_docs(bin_path)
    if problem:
        print("check_public_api: " + problem, file=sys.stderr)
        return 1
    print(f"check_public_api: {len(tests)} file(s) of Tests/AssayAPITests type-check against the public API only; "
          "the DocC catalog links only public symbols")
    return 0


if __name__ == "__main__":
    sys.exit(main())
