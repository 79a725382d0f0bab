#!/usr/bin/env python3
"""Type-checks Tests/AssayAPITests as code of another package: only `public` declarations of Assay are
visible to it, not `package` ones (which a test target of this package would see).

Usage: check_public_api.py BIN_PATH   (BIN_PATH: `swift build --show-bin-path`, after `swift build`)

It runs `swiftc -typecheck -package-name AssayAPIConsumer` over the API tests with the built modules,
and first over a one-line file that uses a `package` declaration, which must fail: so the check cannot
pass because the package name was not taken. Exit status 1 when either goes wrong.
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
    print(f"check_public_api: {len(tests)} file(s) of Tests/AssayAPITests type-check against the public API only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
