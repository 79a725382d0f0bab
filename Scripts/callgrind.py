#!/usr/bin/env python3
"""Instruction counts of `assay run` under valgrind's callgrind (issue 18); `make callgrind` calls it.

    python3 Scripts/callgrind.py --bin PATH/TO/assay --shim PATH/TO/sigsuspend_copy.so
                                 [--size 2MB] [--seed 1] [--density both|bench|news] [--keep]

Wall-clock time on a shared machine is noisy; the number of instructions a run executes is not (the
same binary on the same input gives the same count to a few parts in a million). For each density
(bench_corpus.py's dense `bench` documents and `news` articles, SIZE of each, cached in bench/ as
`make bench` caches them) it runs

    valgrind --tool=callgrind assay run CORPUS --out /dev/null --quiet --jobs 1

and once more on an empty directory (the start-up: loading and compiling the rules), then reads the
inclusive instruction counts (Ir) of each stage's entry functions with `callgrind_annotate
--inclusive=yes`, names demangled by `swift demangle`. A stage's count is its functions' inclusive Ir in
the corpus run less the same functions' Ir in the empty run (rule loading normalizes and tokenizes its
literals with the same code); "per document" is the whole run less the start-up, "other" is what no
stage holds (reading files, the record's fields, the output sink, thread hand-over, freeing).

Prints a table (instructions, instructions per input byte, share) and writes bench/callgrind.json.

Valgrind 3.19 cannot read the DWARF 5 debug information Swift writes, so the binary runs from a copy
without it (`objcopy --strip-debug`; its symbol table stays); and before 3.22 it crashes in the
sigsuspend of Swift's async main unless Scripts/sigsuspend_copy.c is preloaded (--shim).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Scripts"))
import bench  # noqa: E402
import bench_corpus  # noqa: E402

# Each stage is a list of parts; a part is a list of alternative names for one entry function (an
# optimized build may keep a specialized copy, or a caller's name when the callee was inlined, so the
# largest count among a part's names counts). Names are demangled with --simplified, then
# `specialized `, `static ` and `merged ` are dropped and the argument labels kept.
STAGES = [
    ("read", [["DocumentFile.read(_:size:path:)", "DocumentFile.readAll(_:sizeHint:)"]]),
    ("decode", [["DocumentReader.decode(bytes:format:forcedEncoding:transportCharset:)",
                 "DocumentDecoder.decode(_:forcedEncoding:)"],
                ["SHA256.hash<A>(data:)", "SHA256.update(bufferPointer:)", "OpenSSLDigestImpl.update(data:)"]]),
    ("normalize", [["Normalizer.nfcWithMap(_:)"], ["Normalizer.applyFolds(_:)"], ["OffsetMap.composed(with:)"],
                   ["CaseFold.fold(_:)"]]),
    ("segment", [["TextDocument.init(source:text:forcedLanguage:)"], ["SourceText.init(units:)"]]),
    ("match", [["Extractor.matches(_:)"]]),
    ("resolve", [["Extractor.resolve(_:doc:)"], ["Extractor.entities(_:from:)"], ["Extractor.contentWarnings(_:from:)"]]),
    ("link", [["FactLinker.facts(_:entities:candidates:mainFactory:)"]]),
    ("encode", [["Record.json(pretty:)", "RunCommand.render(_:factsOnly:csv:)"]]),
]
LINE = re.compile(r"^\s*([0-9,]+) \([^)]*\)\s+(?:[^:\s]*:)?(.+?)(?: \[[^\]]*\])?$")


def inclusive_counts(out_file, swift):
    """{demangled simplified name: inclusive Ir} and the program total, from one callgrind file."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out_file],
                          capture_output=True, text=True, check=True).stdout
    total = None
    rows = []
    for line in text.splitlines():
        if "PROGRAM TOTALS" in line:
            total = int(line.split()[0].replace(",", ""))
            continue
        m = LINE.match(line)
        if m and total is not None:
            rows.append((int(m.group(1).replace(",", "")), m.group(2).rstrip("'0123456789").rstrip("'")))
    names = subprocess.run([swift, "demangle", "--simplified"], input="\n".join(n for _, n in rows),
                           capture_output=True, text=True, check=True).stdout.splitlines()
    counts = {}
    for (ir, _), name in zip(rows, names):
        for prefix in ("merged ", "specialized ", "static "):
            while name.startswith(prefix):
                name = name[len(prefix):]
        counts[name] = max(counts.get(name, 0), ir)  # a recursive function's cycles ('2) count once
    return counts, total


def stage_counts(counts):
    return {stage: sum(max((counts.get(n, 0) for n in part), default=0) for part in parts) for stage, parts in STAGES}


def callgrind(binary, shim, args, out_file):
    env = dict(os.environ)
    env["LD_PRELOAD"] = shim + (":" + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", binary] + args
    p = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise SystemExit(f"valgrind failed (exit {p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the assay binary (release build)")
    ap.add_argument("--shim", required=True, help="Scripts/sigsuspend_copy.c built as a shared object")
    ap.add_argument("--size", type=bench_corpus.parse_size, default=bench_corpus.parse_size("2MB"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--density", choices=("both",) + bench.DENSITIES, default="both")
    ap.add_argument("--swift", default=os.environ.get("SWIFT", "swift"), help="the swift driver (for `swift demangle`)")
    ap.add_argument("--keep", action="store_true", help="keep the callgrind.out files in bench/")
    ap.add_argument("--out", default=os.path.join(bench.BENCH, "callgrind.json"))
    a = ap.parse_args()
    for tool in ("valgrind", "callgrind_annotate", "objcopy"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} not found (make callgrind installs valgrind and binutils)")
    os.makedirs(bench.BENCH, exist_ok=True)
    densities = bench.DENSITIES if a.density == "both" else (a.density,)
    res = {"schema": "assay.callgrind.v1", "commit": bench.git_commit(), "bin": os.path.abspath(a.bin), "size": a.size,
           "seed": a.seed, "valgrind": subprocess.run(["valgrind", "--version"], capture_output=True, text=True).stdout.strip(),
           "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "assay")
        subprocess.run(["objcopy", "--strip-debug", os.path.abspath(a.bin), binary], check=True)
        empty = os.path.join(tmp, "empty")
        os.mkdir(empty)
        out_dir = bench.BENCH if a.keep else tmp
        print("callgrind: start-up (empty directory) …", file=sys.stderr, flush=True)
        start_file = os.path.join(out_dir, "callgrind-startup.out")
        callgrind(binary, a.shim, ["run", empty, "--out", "/dev/null", "--quiet", "--jobs", "1"], start_file)
        start_counts, start_total = inclusive_counts(start_file, a.swift)
        start_stages = stage_counts(start_counts)
        res["startup_ir"] = start_total
        for density in densities:
            corpus, summary = bench.ensure_corpus(a.size, a.seed, density=density)
            print(f"callgrind: {os.path.relpath(corpus, ROOT)} …", file=sys.stderr, flush=True)
            out_file = os.path.join(out_dir, f"callgrind-{density}.out")
            callgrind(binary, a.shim, ["run", corpus, "--out", "/dev/null", "--quiet", "--jobs", "1"], out_file)
            counts, total = inclusive_counts(out_file, a.swift)
            stages = {k: v - start_stages[k] for k, v in stage_counts(counts).items()}
            per_doc = total - start_total
            stages["other"] = per_doc - sum(stages.values())
            res["runs"][density] = {"corpus": os.path.relpath(corpus, ROOT), "bytes": summary["bytes"],
                                    "documents": summary["documents"], "total_ir": total, "per_document_ir": per_doc,
                                    "stages_ir": stages}
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")

    M = 1e6
    print(f"callgrind instruction counts (Ir) — commit {res['commit']} — {res['valgrind']} — --jobs 1, {bench.size_label(a.size)} "
          f"of each density, seed {a.seed}")
    print(f"start-up (empty directory): {start_total / M:,.1f} M")
    headers = ["stage"]
    for density in densities:
        headers += [f"{density} M Ir", "Ir/byte", "share"]
    rows = []
    for stage in [s for s, _ in STAGES] + ["other", "per document", "whole run"]:
        row = [stage]
        for density in densities:
            r = res["runs"][density]
            v = {"per document": r["per_document_ir"], "whole run": r["total_ir"]}.get(stage, r["stages_ir"].get(stage))
            share = f"{100 * v / r['per_document_ir']:.1f}%" if stage != "whole run" else ""
            row += [f"{v / M:,.1f}", f"{v / r['bytes']:.1f}", share]
        rows.append(row)
    print(bench.table(rows, headers))
    for density in densities:
        st = res["runs"][density]["stages_ir"]
        front = st["decode"] + st["normalize"] + st["segment"]
        print(f"{density}: decode + normalize + segment {100 * front / res['runs'][density]['per_document_ir']:.1f}% of the "
              f"per-document instructions")
    print(f"\nwrote {os.path.relpath(a.out, ROOT) if a.out.startswith(ROOT) else a.out}")


if __name__ == "__main__":
    main()
