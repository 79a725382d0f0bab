#!/usr/bin/env python3
"""Runs examples/spark/extract_job.py on the corpus replicated to SIZE and checks its output (`make spark-example`).

1. Builds WORK/data/articles-SIZE.jsonl (the corpus documents copied until SIZE is reached, each copy with its
   own id `copy-NNNNN/LANG/NAME.txt`) and WORK/data/txt-COPIES/ (the same as .txt files, bytes as in corpus/,
   windows-1258 and BOM files included), once; later runs reuse them.
2. Runs the job with spark-submit on the JSON Lines in local[2] and local[1], and on the .txt tree in local[2].
3. Checks each run: record count = document count; every record valid against schema/record.v1.json (see
   validate_all); the records byte-equal to `assay run`'s for the same documents, as sets keyed by `source`;
   the Parquet facts read back (pyarrow) with the rows of `assay run --facts-only`, as multisets.
4. Prints documents/s per run and the speed-up of local[2] over local[1] (job time: reading, assay, writing;
   the JVM's start-up is reported apart).

Exit status 0 when every check holds, 1 otherwise.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_size(text):
    units = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}
    for unit, factor in units.items():
        if text.upper().endswith(unit):
            return int(float(text[:-2]) * factor)
    return int(text)


def corpus_documents(corpus):
    """(relative path, bytes) of every scored corpus document: corpus/LANG/NAME.txt, sorted."""
    docs = []
    for lang in sorted(os.listdir(corpus)):
        d = os.path.join(corpus, lang)
        if not os.path.isdir(d) or lang.startswith(("_", ".")):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), "rb") as f:
                    docs.append((f"{lang}/{name}", f.read()))
    if not docs:
        sys.exit(f"no documents in {corpus}")
    return docs


def text_of(data):
    """The document's text for a JSON line: UTF-16 by its BOM, else UTF-8 (a BOM kept), else windows-1258."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258")


def build_jsonl(path, docs, size):
    if os.path.exists(path):
        return
    tmp = path + ".tmp"
    written = 0
    copy = 0
    with open(tmp, "wb") as f:
        while written < size:
            for rel, data in docs:
                line = json.dumps({"id": f"copy-{copy:05d}/{rel}", "text": text_of(data)}, ensure_ascii=False)
                b = line.encode("utf-8") + b"\n"
                f.write(b)
                written += len(b)
            copy += 1
    os.replace(tmp, path)


def build_txt(root, docs, copies):
    if os.path.isdir(root):
        return
    tmp = root + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for copy in range(copies):
        for rel, data in docs:
            p = os.path.join(tmp, f"copy-{copy:05d}", rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)
    os.replace(tmp, root)


def run_assay(args, stdin_path=None, cwd=None, out_path=None):
    """Runs assay; returns its standard output lines (bytes, without line ends)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        p = subprocess.run(args, stdin=stdin, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finally:
        if stdin_path:
            stdin.close()
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {p.returncode}:\n{p.stderr.decode(errors='replace')}")
    return p.stdout.splitlines()


def _children_cpu():
    """CPU seconds (user + system) of every child process waited for so far, their own children included."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def spark_submit(opts, master, fmt, input_path, out_dir, log_path):
    """Runs the job; returns its summary (the job's own timing) with the whole spark-submit wall time added."""
    shutil.rmtree(out_dir, ignore_errors=True)
    summary_path = out_dir + ".summary.json"
    env = dict(os.environ)
    env["PYSPARK_PYTHON"] = sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    command = [
        opts.spark_submit, "--master", master, "--driver-memory", "2g",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false",
        os.path.join(HERE, "extract_job.py"),
        "--assay", opts.assay, "--rules", opts.rules, "--format", fmt, "--input", input_path,
        "--output", out_dir, "--summary", summary_path,
    ]
    load = os.getloadavg()[0]
    cpu_before = _children_cpu()
    started = time.time()
    with open(log_path, "wb") as log:
        p = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    wall = time.time() - started
    cpu = _children_cpu() - cpu_before
    if p.returncode != 0:
        with open(log_path, "rb") as log:
            tail = log.read()[-6000:].decode(errors="replace")
        sys.exit(f"spark-submit ({master}, {fmt}) exited {p.returncode}; log {log_path}:\n{tail}")
    with open(summary_path, encoding="utf-8") as f:
        summary = json.load(f)
    summary["wall_seconds"] = round(wall, 3)
    summary["load_before"] = round(load, 2)
    summary["cpu_seconds"] = round(cpu, 2)
    return summary


def read_records(records_dir):
    """Every line of the job's record part files, keyed by source."""
    out = {}
    names = sorted(n for n in os.listdir(records_dir) if n.startswith("part-"))
    if not names:
        sys.exit(f"no part files in {records_dir}")
    for name in names:
        with open(os.path.join(records_dir, name), "rb") as f:
            for line in f:
                line = line.rstrip(b"\n")
                source = json.loads(line)["source"]
                if source in out:
                    raise SystemExit(f"{records_dir}: source {source!r} twice")
                out[source] = line
    return out


def keyed(lines):
    out = {}
    for line in lines:
        source = json.loads(line)["source"]
        if source in out:
            raise SystemExit(f"reference: source {source!r} twice")
        out[source] = line
    return out


def validate_all(schema_path, lines):
    """Validates every record against the schema; returns (count, problems).

    Copies of a corpus document give records that differ only in `source`, and the schema constrains `source`
    only through `properties.source` (checked below: no top-level keyword relates it to other keys). So each
    record is checked exactly as a whole validation would: its `source` against that subschema, the rest
    (with `source` set to "") by the full schema, once per distinct rest. 25,000 records then take seconds,
    not minutes."""
    import jsonschema

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    top = set(schema) - {"$schema", "$id", "title", "description", "type", "required", "properties", "$defs"}
    if top or "source" not in schema["properties"]:
        raise SystemExit(f"schema has top-level keywords {sorted(top)}: memoized validation would not be exact")
    validator = jsonschema.Draft202012Validator(schema)
    source_validator = jsonschema.Draft202012Validator(schema["properties"]["source"])
    verdicts = {}
    problems = []
    for line in lines:
        record = json.loads(line)
        if not isinstance(record, dict) or "source" not in record:
            problems += [f"{line[:80]!r}: {e.message}" for e in validator.iter_errors(record)]
            continue
        source = record["source"]
        problems += [f"{source!r}: source: {e.message}" for e in source_validator.iter_errors(source)]
        record["source"] = ""
        key = json.dumps(record, sort_keys=True, ensure_ascii=False)
        if key not in verdicts:
            verdicts[key] = [f"{e.message} at {list(e.absolute_path)}" for e in validator.iter_errors(record)]
        problems += [f"{source!r}: {p}" for p in verdicts[key]]
    return len(lines), problems, len(verdicts)


def fact_multiset_from_jsonl(lines):
    from extract_job import FACT_COLUMNS

    return collections.Counter(tuple(json.loads(l)[c] for c in FACT_COLUMNS) for l in lines)


def fact_multiset_from_parquet(facts_dir):
    import pyarrow.parquet as pq

    from extract_job import FACT_COLUMNS

    table = pq.read_table(facts_dir)
    if table.column_names != FACT_COLUMNS:
        raise SystemExit(f"{facts_dir}: columns {table.column_names}, expected {FACT_COLUMNS}")
    columns = [table.column(c).to_pylist() for c in FACT_COLUMNS]
    return table.num_rows, collections.Counter(zip(*columns))


def check_run(name, out_dir, documents, reference, reference_facts, schema, validate):
    """Prints one line per check; returns the number of failed checks."""
    failed = 0

    def report(ok, what):
        nonlocal failed
        failed += 0 if ok else 1
        print(f"  [{'ok' if ok else 'FAIL'}] {name}: {what}")

    records = read_records(os.path.join(out_dir, "records"))
    report(len(records) == documents, f"{len(records)} records for {documents} documents")
    if validate:
        t = time.time()
        count, problems, distinct = validate_all(schema, list(records.values()))
        for p in problems[:10]:
            print(f"      {p}")
        report(not problems and count == len(records),
               f"{count} records valid against schema/record.v1.json ({len(problems)} problems; {distinct} distinct "
               f"but for source, {time.time() - t:.1f} s)")
    missing = reference.keys() - records.keys()
    extra = records.keys() - reference.keys()
    differ = [s for s in reference.keys() & records.keys() if reference[s] != records[s]]
    for s in sorted(differ)[:3]:
        print(f"      differs: {s}\n        spark: {records[s][:300]!r}\n        assay: {reference[s][:300]!r}")
    report(not missing and not extra and not differ,
           f"records equal to assay run's by source ({len(missing)} missing, {len(extra)} extra, {len(differ)} differ)")
    rows, facts = fact_multiset_from_parquet(os.path.join(out_dir, "facts"))
    expected_rows = sum(reference_facts.values())
    report(rows == expected_rows, f"{rows} Parquet fact rows, assay run --facts-only gives {expected_rows}")
    report(facts == reference_facts, "Parquet fact rows equal to --facts-only's (as a multiset)")
    return failed


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--assay", required=True)
    p.add_argument("--rules", default="rules")
    p.add_argument("--schema", default="schema/record.v1.json")
    p.add_argument("--corpus", default="corpus")
    p.add_argument("--work", default=".build-spark")
    p.add_argument("--size", default="50MB", help="size of the replicated JSON Lines corpus")
    p.add_argument("--txt-copies", type=int, default=20, help="copies of the corpus in the .txt tree")
    p.add_argument("--spark-submit", default=os.path.join(os.path.dirname(sys.executable), "spark-submit"))
    opts = p.parse_args()
    sys.path.insert(0, HERE)
    opts.assay = os.path.abspath(opts.assay)
    opts.rules = os.path.abspath(opts.rules)
    data = os.path.join(opts.work, "data")
    runs = os.path.join(opts.work, "runs")
    os.makedirs(data, exist_ok=True)
    os.makedirs(runs, exist_ok=True)

    docs = corpus_documents(opts.corpus)
    size = parse_size(opts.size)
    jsonl = os.path.abspath(os.path.join(data, f"articles-{opts.size}.jsonl"))
    txt = os.path.abspath(os.path.join(data, f"txt-{opts.txt_copies}"))
    build_jsonl(jsonl, docs, size)
    build_txt(txt, docs, opts.txt_copies)
    with open(jsonl, "rb") as f:
        jsonl_docs = sum(1 for _ in f)  # assay answers every line
    megabytes = os.path.getsize(jsonl) / (1 << 20)
    txt_docs = len(docs) * opts.txt_copies
    print(f"data: {jsonl_docs} documents, {megabytes:.1f} MB of JSON Lines ({len(docs)} corpus documents copied); "
          f"{txt_docs} .txt files in {opts.txt_copies} copies")

    print("reference: assay run on the same documents")
    t, cpu = time.time(), _children_cpu()
    base = [opts.assay, "run", "--quiet", "--rules", opts.rules]
    reference = keyed(run_assay(base + ["--stdin-jsonl"], stdin_path=jsonl))
    reference_seconds, reference_cpu = time.time() - t, _children_cpu() - cpu
    reference_facts = fact_multiset_from_jsonl(run_assay(base + ["--stdin-jsonl", "--facts-only"], stdin_path=jsonl))
    copies = sorted(os.listdir(txt))
    txt_reference = keyed(run_assay(base + ["--"] + copies, cwd=txt))
    txt_reference_facts = fact_multiset_from_jsonl(run_assay(base + ["--facts-only", "--"] + copies, cwd=txt))
    print(f"  assay run --stdin-jsonl (one process, one core): {reference_seconds:.1f} s, "
          f"{jsonl_docs / reference_seconds:.0f} documents/s, {reference_cpu:.1f} CPU s")

    summaries = {}
    failed = 0
    plan = [("local[2]", "jsonl", jsonl, "jsonl-local2", True),
            ("local[1]", "jsonl", jsonl, "jsonl-local1", False),
            ("local[2]", "txt", txt, "txt-local2", True)]
    for master, fmt, input_path, name, validate in plan:
        out_dir = os.path.abspath(os.path.join(runs, name))
        print(f"spark-submit --master {master} extract_job.py --format {fmt} ({name})")
        s = spark_submit(opts, master, fmt, input_path, out_dir, out_dir + ".log")
        summaries[name] = s
        print(f"  job {s['seconds']:.1f} s ({s['records']} records, {s['facts']} facts, {s['partitions']} partitions), "
              f"spark-submit {s['wall_seconds']:.1f} s, {s['cpu_seconds']:.1f} CPU s of which assay "
              f"{s['assay_cpu_seconds']:.1f}")
        ref, ref_facts, n = ((reference, reference_facts, jsonl_docs) if fmt == "jsonl"
                             else (txt_reference, txt_reference_facts, txt_docs))
        failed += check_run(name, out_dir, n, ref, ref_facts, opts.schema, validate)

    two, one = summaries["jsonl-local2"], summaries["jsonl-local1"]
    print()
    print(f"{'run':<14}{'documents':>10}{'job s':>8}{'docs/s':>8}{'MB/s':>6}{'submit s':>10}{'CPU s':>8}"
          f"{'assay CPU s':>13}{'load':>6}")
    print(f"{'assay alone':<14}{jsonl_docs:>10}{reference_seconds:>8.1f}{jsonl_docs / reference_seconds:>8.0f}"
          f"{megabytes / reference_seconds:>6.1f}{'-':>10}{reference_cpu:>8.1f}{reference_cpu:>13.1f}{'':>6}")
    for name, s in summaries.items():
        rate = f"{megabytes / s['seconds']:.1f}" if name.startswith("jsonl") else "-"
        print(f"{name:<14}{s['records']:>10}{s['seconds']:>8.1f}{s['records'] / s['seconds']:>8.0f}"
              f"{rate:>6}{s['wall_seconds']:>10.1f}{s['cpu_seconds']:>8.1f}{s['assay_cpu_seconds']:>13.1f}"
              f"{s['load_before']:>6.1f}")
    print(f"speed-up of local[2] over local[1]: {one['seconds'] / two['seconds']:.2f}x (job time), "
          f"{one['wall_seconds'] / two['wall_seconds']:.2f}x (whole spark-submit)")
    print(f"(job s: reading, assay, both writes; submit s and CPU s: the whole spark-submit, JVM start-up included; "
          f"load: the 1-minute load average as each run started, on {os.cpu_count()} cores)")
    with open(os.path.join(opts.work, "spark-example.json"), "w", encoding="utf-8") as f:
        json.dump({"documents": jsonl_docs, "megabytes": round(megabytes, 1), "runs": summaries,
                   "speedup_job": round(one["seconds"] / two["seconds"], 2)}, f, indent=1)
    print("all checks passed" if failed == 0 else f"{failed} checks FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
