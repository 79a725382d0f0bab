#!/usr/bin/env python3
"""Benchmark `assay run` on generated corpora (issues 9 and 18); `make bench` calls it.

    python3 Scripts/bench.py --bin PATH/TO/assay [--size 20MB] [--seed 1] [--runs 3] [--curve]
                             [--density both|bench|news] [--long-line 200MB [--stream-line 20MB]]

Generates (or reuses) bench/corpus-SIZE-seedN/ (the dense bench documents) and
bench/corpus-SIZE-seedN-news/ (articles at news density: `bench_corpus.py --density news`, about one
entity per 250 bytes) with Scripts/bench_corpus.py; --density picks one of them (default both). On each it
measures
`assay run DIR --out /dev/null --quiet --jobs J --stats FILE` for J = 1 and 2 (median of --runs):
throughput (MB/s, documents/s, entities/s, from wall time, start-up included), peak resident
memory, start-up time on an empty directory (median of 5), and the per-stage breakdown from one
extra `--profile` run. --curve adds, for each density, time and memory at 2, 20 and 200 MB (--curve-sizes to change).
--long-line SIZE adds one document of SIZE with no line break and one `--stdin-jsonl` line whose text
is --stream-line bytes of the same text (bench/long-line-*, git-ignored), with their peak memory.
--format html adds the same articles as HTML pages (bench/corpus-SIZE-seedN-html/, `bench_corpus.py
--format html`): `--jobs 1` MB/s of HTML and the stage profile, where decode holds the HTML parse and
extraction, against the rest of the pipeline for the same articles.
Prints a table and writes bench/results.json. Run it from anywhere: it runs assay in the
repository root, so the default ./rules (or $ASSAY_RULES) applies.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Scripts"))
import bench_corpus  # noqa: E402

BENCH = os.path.join(ROOT, "bench")
TIME = "/usr/bin/time"
MB = 1_000_000

# The targets of issues 9 and 18, checked and printed with the results (MB/s, speed-up and memory for
# each density measured).
TARGET_MBPS_JOBS1 = 30.0
TARGET_SPEEDUP = 1.8
TARGET_RSS_MB = 100.0
TARGET_STARTUP_MS = 150.0
DENSITIES = ("bench", "news")
# Issue 13: memory follows the window, for one large document and for one large --stdin-jsonl line.
TARGET_LONG_LINE_RSS_MB = 300.0  # a document of 200 MB
TARGET_STREAM_LINE_RSS_MB = 400.0  # a --stdin-jsonl line of 20 MB


def size_label(n):
    for unit, f in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= f and n % f == 0:
            return f"{n // f}{unit}"
    return f"{n}B"


def generator_digest():
    with open(bench_corpus.__file__, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def ensure_corpus(size, seed, fmt="text", density="bench"):
    """bench/corpus-SIZE-seedN[-news][-html]/, generated once; regenerated when the generator changes."""
    path = os.path.join(BENCH, f"corpus-{size_label(size)}-seed{seed}" + ("-news" if density == "news" else "")
                        + ("-html" if fmt == "html" else ""))
    marker = os.path.join(path, ".complete")
    want = {"generator": generator_digest(), "size": size, "seed": seed, "density": density}
    try:
        with open(marker) as f:
            have = json.load(f)
        if all(have.get(k) == v for k, v in want.items()):
            return path, have
    except (OSError, ValueError):
        pass
    tmp = path + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(path, ignore_errors=True)
    print(f"generating {os.path.relpath(path, ROOT)} ({size_label(size)}, seed {seed}, density {density}) …", file=sys.stderr,
          flush=True)
    t0 = time.perf_counter()
    summary = bench_corpus.generate(tmp, size, seed, quiet=False, fmt=fmt, density=density)
    summary.update(want, generate_seconds=round(time.perf_counter() - t0, 2))
    with open(os.path.join(tmp, ".complete"), "w") as f:
        json.dump(summary, f, ensure_ascii=False, indent=1)
    os.rename(tmp, path)
    return path, summary


def run_assay(binary, args, measure_memory=True):
    """Run `assay ARGS` in ROOT: (wall seconds, peak RSS in KiB or None, CPU seconds, stderr)."""
    cmd = [binary] + args
    timed = measure_memory and os.access(TIME, os.X_OK)
    if timed:
        cmd = [TIME, "-v"] + cmd
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)  # this child's own rusage, not all children's
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    # KiB on Linux. wait4 reports the waited process itself plus its reaped descendants: with
    # /usr/bin/time the CPU times are assay's, but ru_maxrss would be the larger of the two, so
    # read time's report for memory.
    rss = usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    if timed:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        rss = int(m.group(1)) if m else None
    if p.returncode != 0:
        raise SystemExit(f"assay failed (exit {p.returncode}): {' '.join(cmd)}\n{text}")
    return wall, rss, cpu, text


def measure(binary, corpus, jobs, runs, profile=False):
    """Median of `runs` runs of `assay run CORPUS --jobs JOBS`."""
    samples = []
    for i in range(runs):
        with tempfile.NamedTemporaryFile(suffix=".json") as st:
            args = ["run", corpus, "--out", "/dev/null", "--quiet", "--jobs", str(jobs), "--stats", st.name]
            if profile:
                args.append("--profile")
            wall, rss, cpu, _ = run_assay(binary, args)
            with open(st.name) as f:
                stats = json.load(f)
        samples.append({"wall_seconds": wall, "peak_rss_kib": rss, "cpu_seconds": cpu, "stats": stats})
        print(f"  jobs {jobs}{' profile' if profile else ''} run {i + 1}/{runs}: {wall:.2f} s, CPU {100 * cpu / wall:.0f}%, "
              f"{stats['bytes'] / MB / wall:.1f} MB/s, {rss / 1024 if rss else float('nan'):.0f} MB",
              file=sys.stderr, flush=True)
    walls = [s["wall_seconds"] for s in samples]
    wall = statistics.median(walls)
    stats = samples[0]["stats"]
    entities = sum(stats["entities"].values())
    rss = [s["peak_rss_kib"] for s in samples if s["peak_rss_kib"] is not None]
    return {
        "jobs": jobs,
        "runs": runs,
        "wall_seconds": round(wall, 4),
        "wall_seconds_all": [round(w, 4) for w in walls],
        "cpu_seconds": round(statistics.median(s["cpu_seconds"] for s in samples), 4),
        "cpu_percent": round(100 * statistics.median(s["cpu_seconds"] / s["wall_seconds"] for s in samples)),
        "inner_seconds": round(statistics.median(s["stats"]["seconds"] for s in samples), 4),
        "documents": stats["documents"],
        "bytes": stats["bytes"],
        "entities": entities,
        "entities_by_type": stats["entities"],
        "facts": stats.get("facts"),
        "mb_per_s": round(stats["bytes"] / MB / wall, 3),
        "mb_per_s_inner": round(statistics.median(s["stats"]["bytes"] / MB / s["stats"]["seconds"]
                                                  for s in samples if s["stats"]["seconds"] > 0), 3),
        "mb_per_cpu_s": round(stats["bytes"] / MB / statistics.median(s["cpu_seconds"] for s in samples), 3),
        "documents_per_s": round(stats["documents"] / wall, 1),
        "entities_per_s": round(entities / wall, 1),
        "peak_rss_mb": round(max(rss) / 1024, 1) if rss else None,
        "stages_seconds": stats.get("stages_seconds") if profile else None,
    }


def ensure_long_line(corpus, size):
    """A one-line document of `size` bytes: the corpus's UTF-8 documents joined with their line ends
    turned into spaces (a long article pasted without breaks). Cached beside the corpora."""
    path = os.path.join(BENCH, f"long-line-{size_label(size)}.txt")
    if os.path.exists(path) and os.path.getsize(path) == size:
        return path
    parts, total = [], 0
    names = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".txt"))
    while total < size:
        for name in names:
            with open(name, "rb") as f:
                data = f.read()
            try:
                text = data.decode("utf-8").lstrip("\ufeff")
            except UnicodeDecodeError:
                continue  # a windows-1258 document would make the line invalid UTF-8
            chunk = (" ".join(text.split()) + " ").encode("utf-8")
            parts.append(chunk)
            total += len(chunk)
            if total >= size:
                break
    # cut at `size` without splitting a character, then pad with spaces to the exact size
    blob = b"".join(parts)[:size].decode("utf-8", "ignore").encode("utf-8")
    blob += b" " * (size - len(blob))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(blob)
    os.rename(tmp, path)
    return path


def long_line(binary, corpus, size):
    """Time and peak memory of one document with no line break (issue 6: under 1 GB at 50 MB)."""
    path = ensure_long_line(corpus, size)
    with tempfile.NamedTemporaryFile(suffix=".json") as st:
        wall, rss, cpu, _ = run_assay(binary, ["run", path, "--out", "/dev/null", "--quiet", "--jobs", "1", "--stats", st.name])
        with open(st.name) as f:
            stats = json.load(f)
    print(f"  long line {size_label(size)}: {wall:.2f} s, {rss / 1024 if rss else float('nan'):.0f} MB", file=sys.stderr, flush=True)
    return {"size": size, "path": os.path.relpath(path, ROOT), "wall_seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
            "mb_per_s": round(size / MB / wall, 3), "entities": sum(stats["entities"].values()),
            "peak_rss_mb": round(rss / 1024, 1) if rss else None}


def ensure_stream_line(corpus, size):
    """One `--stdin-jsonl` line whose text is the long-line document of `size` bytes, written as most
    clients write JSON (`json.dumps`: non-ASCII as \\u escapes, so the line is longer than the text)."""
    path = os.path.join(BENCH, f"long-line-{size_label(size)}.jsonl")
    text_path = ensure_long_line(corpus, size)
    if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(text_path):
        return path
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(json.dumps({"id": "long-line", "text": text, "batch": 1}) + "\n")
    os.rename(tmp, path)
    return path


def stream_line(binary, corpus, size):
    """Time and peak memory of one `--stdin-jsonl` line whose text is `size` bytes (issue 13: under
    400 MB at 20 MB)."""
    path = ensure_stream_line(corpus, size)
    cmd = [binary, "run", "--stdin-jsonl", "--quiet"]
    timed = os.access(TIME, os.X_OK)
    if timed:
        cmd = [TIME, "-v"] + cmd
    with open(path, "rb") as inp, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=ROOT, stdin=inp, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        out.seek(0)
        record = json.loads(out.readline())
    if os.waitstatus_to_exitcode(status) != 0 or record.get("error") is not None:
        raise SystemExit(f"assay failed on {path}: {text}")
    rss = usage.ru_maxrss
    if timed:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        rss = int(m.group(1)) if m else None
    print(f"  stream line {size_label(size)}: {wall:.2f} s, {rss / 1024 if rss else float('nan'):.0f} MB", file=sys.stderr, flush=True)
    return {"size": size, "line_bytes": os.path.getsize(path), "path": os.path.relpath(path, ROOT), "wall_seconds": round(wall, 3),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3), "mb_per_s": round(size / MB / wall, 3),
            "entities": len(record["entities"]), "peak_rss_mb": round(rss / 1024, 1) if rss else None}


def startup(binary, runs=5):
    """Median wall time of `assay run EMPTY_DIR` (rule loading and matcher compilation)."""
    walls = []
    rss = []
    with tempfile.TemporaryDirectory() as empty:
        for _ in range(runs):
            wall, kib, _, _ = run_assay(binary, ["run", empty, "--out", "/dev/null", "--quiet", "--jobs", "1"],
                                     measure_memory=False)
            walls.append(wall)
            rss.append(kib)
    return {"runs": runs, "ms": round(statistics.median(walls) * 1000, 1),
            "ms_all": [round(w * 1000, 1) for w in walls], "peak_rss_mb": round(max(rss) / 1024, 1)}


def machine():
    cpu = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {"nproc": os.cpu_count(), "cpu_model": cpu, "kernel": platform.release(),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "load_average_at_start": [round(x, 2) for x in load] if load else None}


def git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def table(rows, headers):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def report_density(d, density):
    """The lines of one density's measurements: corpus, --jobs 1 and 2, stages, curve."""
    c = d["corpus"]
    out = [f"== density {density}: corpus {c['path']}: {c['documents']} documents, {c['bytes'] / MB:.1f} MB "
           f"(vi {c['languages']['vi']}, en {c['languages']['en']}, hi {c['languages']['hi']}; "
           + ", ".join(f"{k} {v}" for k, v in c["forms"].items()) + ")"]
    j1, j2 = d["jobs1"], d["jobs2"]
    rows = [[f"--jobs {r['jobs']}", f"{r['wall_seconds']:.2f}", f"{r['mb_per_s']:.1f}", f"{r['mb_per_s_inner']:.1f}",
             f"{r['documents_per_s']:.0f}", f"{r['entities_per_s']:.0f}", f"{r['peak_rss_mb']}",
             f"{r['cpu_percent']}%", f"{r['mb_per_cpu_s']:.1f}"] for r in (j1, j2)]
    out.append(table(rows, ["run (median of %d)" % j1["runs"], "wall s", "MB/s", "MB/s excl. start-up", "docs/s",
                            "entities/s", "peak RSS MB", "CPU", "MB/CPU-s"]))
    out.append(f"entities per run: {j1['entities']}, one per {j1['bytes'] / max(1, j1['entities']):.0f} bytes ("
               + ", ".join(f"{k} {v}" for k, v in sorted(j1["entities_by_type"].items())) + f"); facts {j1['facts']}")
    out.append(f"speed-up --jobs 2 / --jobs 1: {d['speedup']:.2f}x")
    st = d["stages"]
    if st and st["stages_seconds"]:
        total = sum(st["stages_seconds"].values()) or 1
        rows = [[k, f"{v:.3f}", f"{100 * v / total:.0f}%", f"{st['bytes'] / MB / v:.0f}" if v > 0 else "-"]
                for k, v in st["stages_seconds"].items()]
        front = sum(st["stages_seconds"].get(k, 0) for k in ("decode", "normalize", "segment"))
        out += ["", f"stages (--profile --jobs 1, thread time; wall {st['wall_seconds']:.2f} s):",
                table(rows, ["stage", "seconds", "share", "MB/s"]),
                f"decode + normalize + segment: {100 * front / total:.0f}% (issue 18: under 30%)"]
    if d.get("curve"):
        rows = [[size_label(p["size"]), p["documents"], f"{p['wall_seconds']:.2f}",
                 f"{p['wall_seconds'] / (p['bytes'] / MB):.3f}", f"{p['mb_per_s']:.1f}", f"{p['peak_rss_mb']}"]
                for p in d["curve"]]
        out += ["", f"curve (--jobs {d['curve'][0]['jobs']}):",
                table(rows, ["size", "docs", "wall s", "s per MB", "MB/s", "peak RSS MB"])]
    return out


def report(res):
    m = res["machine"]
    out = [f"assay bench — {m['date']} — {m['cpu_model']}, {m['nproc']} cores — commit {res['commit']}",
           f"load average before/after: {m['load_average_at_start']} / {m.get('load_average_at_end')}"]
    s = res["startup"]
    out.append(f"start-up (empty directory, median of {s['runs']}): {s['ms']:.0f} ms, {s['peak_rss_mb']} MB")
    for density, d in res["densities"].items():
        out += [""] + report_density(d, density)
    j1 = next(iter(res["densities"].values()))["jobs1"]
    if res.get("html"):
        h, hs = res["html"]["jobs1"], res["html"]["stages"]["stages_seconds"]
        text_stages = res["densities"]["bench"]["stages"]["stages_seconds"]
        rest = sum(v for k, v in hs.items() if k != "decode")
        out += ["", f"HTML pages, the same {h['documents']} articles ({h['bytes'] / MB:.1f} MB of HTML, "
                f"{h['bytes'] / max(1, j1['bytes']):.2f}x the text), --jobs 1, median of {h['runs']}: {h['wall_seconds']:.2f} s "
                f"({h['mb_per_s']:.1f} MB/s of HTML, {h['mb_per_cpu_s']:.1f} MB/CPU-s) vs {j1['wall_seconds']:.2f} s for the text",
                f"  decode (charset, libxml2 parse, extraction) {hs['decode']:.3f} s = {h['bytes'] / MB / hs['decode']:.0f} MB/s of HTML;"
                f" rest of the pipeline {rest:.3f} s (decode / rest = {hs['decode'] / rest:.2f})"
                + (f"; text decode {text_stages['decode']:.3f} s" if text_stages else "")]
    if res.get("long_line"):
        ll = res["long_line"]
        out += ["", f"one line of {size_label(ll['size'])} (no line break, --jobs 1): {ll['wall_seconds']:.2f} s, "
                f"{ll['mb_per_s']:.1f} MB/s, {ll['entities']} entities, peak RSS {ll['peak_rss_mb']} MB"]
    if res.get("stream_line"):
        sl = res["stream_line"]
        out += [f"one --stdin-jsonl line, text of {size_label(sl['size'])} ({sl['line_bytes'] / MB:.1f} MB as JSON): "
                f"{sl['wall_seconds']:.2f} s, {sl['mb_per_s']:.1f} MB/s, {sl['entities']} entities, peak RSS {sl['peak_rss_mb']} MB"]
    out += ["", "targets (issues 9 and 18):"]
    for t in res["targets"]:
        out.append(f"  [{'ok' if t['met'] else 'NOT MET'}] {t['name']}: {t['value']} (target {t['target']})")
    out.append("Wall-clock medians. CPU is assay's user+system time over wall time: well under 200% with --jobs 2\n"
               "means it did not get both cores (other work on a shared machine makes every number noisy);\n"
               "MB/CPU-s (bytes per CPU second) is the steadier per-core figure there.")
    return "\n".join(out)


def measure_density(binary, a, density):
    """--jobs 1, --jobs 2, the stage profile and (--curve) the curve on one density's corpus."""
    corpus, summary = ensure_corpus(a.size, a.seed, density=density)
    d = {"corpus": {"path": os.path.relpath(corpus, ROOT), "size": a.size, "seed": a.seed, "density": density,
                    "documents": summary["documents"], "bytes": summary["bytes"],
                    "languages": summary["languages"], "forms": summary["forms"], "placed": summary["placed"]}}
    run_assay(binary, ["run", corpus, "--out", "/dev/null", "--quiet", "--jobs", "1"], measure_memory=False)  # warm the page cache
    d["jobs1"] = measure(binary, corpus, 1, a.runs)
    d["jobs2"] = measure(binary, corpus, 2, a.runs)
    d["speedup"] = round(d["jobs1"]["wall_seconds"] / d["jobs2"]["wall_seconds"], 3)
    d["stages"] = measure(binary, corpus, 1, 1, profile=True)
    if a.curve:
        d["curve"] = []
        for label in a.curve_sizes.split(","):
            size = bench_corpus.parse_size(label)
            path, _ = ensure_corpus(size, a.seed, density=density)
            point = measure(binary, path, a.curve_jobs, a.curve_runs)
            point["size"] = size
            d["curve"].append(point)
    return corpus, d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the assay binary (release build)")
    ap.add_argument("--size", type=bench_corpus.parse_size, default=bench_corpus.parse_size("20MB"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--density", choices=("both",) + DENSITIES, default="both",
                    help="bench: the dense documents; news: articles at news density (bench_corpus.py --density news)")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median counts")
    ap.add_argument("--curve", action="store_true", help="also measure the curve sizes (time and memory)")
    ap.add_argument("--curve-sizes", default="2MB,20MB,200MB")
    ap.add_argument("--curve-jobs", type=int, default=1)
    ap.add_argument("--curve-runs", type=int, default=1)
    ap.add_argument("--long-line", type=bench_corpus.parse_size, default=None, metavar="SIZE",
                    help="also time one document of SIZE with no line break (e.g. 200MB) and its peak memory, and one "
                         "--stdin-jsonl line (--stream-line)")
    ap.add_argument("--stream-line", type=bench_corpus.parse_size, default=bench_corpus.parse_size("20MB"), metavar="SIZE",
                    help="with --long-line: the text size of the --stdin-jsonl line (default 20MB)")
    ap.add_argument("--format", choices=["text", "html"], default="text",
                    help="html: also measure the same articles as HTML pages (MB/s of HTML, extraction's share)")
    ap.add_argument("--out", default=os.path.join(BENCH, "results.json"))
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"no assay binary at {binary}; build with `swift build -c release`")
    if a.runs < 1:
        raise SystemExit("--runs must be at least 1")
    os.makedirs(BENCH, exist_ok=True)

    res = {"schema": "assay.bench.v2", "machine": machine(), "commit": git_commit(), "bin": binary,
           "memory_from": "/usr/bin/time -v" if os.access(TIME, os.X_OK) else "wait4 ru_maxrss"}
    print("start-up …", file=sys.stderr, flush=True)
    res["startup"] = startup(binary)
    densities = DENSITIES if a.density == "both" else (a.density,)
    res["densities"] = {}
    corpora = {}
    for density in densities:
        corpora[density], res["densities"][density] = measure_density(binary, a, density)

    if a.long_line:
        corpus = corpora.get("bench") or ensure_corpus(a.size, a.seed)[0]
        res["long_line"] = long_line(binary, corpus, a.long_line)
        res["stream_line"] = stream_line(binary, corpus, a.stream_line)

    if a.format == "html":
        if "bench" not in res["densities"]:
            raise SystemExit("--format html compares with the bench density: use --density bench or both")
        html_corpus, html_summary = ensure_corpus(a.size, a.seed, "html")
        run_assay(binary, ["run", html_corpus, "--out", "/dev/null", "--quiet", "--jobs", "1"], measure_memory=False)
        res["html"] = {"corpus": os.path.relpath(html_corpus, ROOT), "html_bytes": html_summary["html_bytes"],
                       "jobs1": measure(binary, html_corpus, 1, a.runs),
                       "stages": measure(binary, html_corpus, 1, 1, profile=True)}

    res["targets"] = []
    for density, d in res["densities"].items():
        peak = [d["jobs1"]["peak_rss_mb"], d["jobs2"]["peak_rss_mb"]] + [p["peak_rss_mb"] for p in d.get("curve", [])]
        peak = max(p for p in peak if p is not None) if any(p is not None for p in peak) else None
        res["targets"] += [
            {"name": f"{density}: MB/s with --jobs 1", "value": d["jobs1"]["mb_per_s"], "target": f">= {TARGET_MBPS_JOBS1}",
             "met": d["jobs1"]["mb_per_s"] >= TARGET_MBPS_JOBS1},
            {"name": f"{density}: speed-up --jobs 2 over --jobs 1", "value": d["speedup"], "target": f">= {TARGET_SPEEDUP}",
             "met": d["speedup"] >= TARGET_SPEEDUP},
            {"name": f"{density}: peak RSS MB (all runs" + (", curve included)" if a.curve else ")"), "value": peak,
             "target": f"< {TARGET_RSS_MB}", "met": peak is not None and peak < TARGET_RSS_MB},
        ]
    res["targets"].append({"name": "start-up ms", "value": res["startup"]["ms"], "target": f"< {TARGET_STARTUP_MS}",
                           "met": res["startup"]["ms"] < TARGET_STARTUP_MS})
    if a.long_line:
        ll = res["long_line"]["peak_rss_mb"]
        res["targets"].append({"name": f"peak RSS MB, one document of {size_label(a.long_line)} (issue 13: < 300 at 200MB)",
                               "value": ll, "target": f"< {TARGET_LONG_LINE_RSS_MB}",
                               "met": ll is not None and ll < TARGET_LONG_LINE_RSS_MB})
        sl = res["stream_line"]["peak_rss_mb"]
        res["targets"].append({"name": f"peak RSS MB, one --stdin-jsonl line of {size_label(a.stream_line)} (issue 13: < 400 at 20MB)",
                               "value": sl, "target": f"< {TARGET_STREAM_LINE_RSS_MB}",
                               "met": sl is not None and sl < TARGET_STREAM_LINE_RSS_MB})
    res["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    with open(a.out, "w") as f:
        json.dump(res, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(report(res))
    print(f"\nwrote {os.path.relpath(a.out, ROOT) if a.out.startswith(ROOT) else a.out}")


if __name__ == "__main__":
    main()
