#!/usr/bin/env python3
"""Runs Assay as a stage of an Apache Spark job.

Reads articles — a directory of `.txt` files (walked recursively) or JSON Lines with `id`/`text` — sends each
partition through one long-lived `assay run --stdin-jsonl` process, and writes

    OUTPUT/records/   the records, JSON Lines (one part file per partition), byte for byte as assay wrote them
    OUTPUT/facts/     the facts as Parquet, one row per fact with the columns of `assay run --facts-only`

The `assay` binary and the rule directory are shipped to the executors with `SparkContext.addFile` (what
`spark-submit --files` does), so they may be local paths on the driver or any URL Spark reads (hdfs://, s3a://).
A partition whose record count differs from its document count fails the job, as does an `assay` process that
exits with an error; its standard error is part of the failure message.

    spark-submit --master local[2] examples/spark/extract_job.py \
        --assay .build/release/assay --rules rules --format jsonl --input articles.jsonl --output out/spark

Only the functions below `main` need Spark; the rest (the partition runner and the fact rows) runs without it
and is tested by `examples/spark/test_extract_job.py`.
"""
import argparse
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time

#: The columns of `assay run --facts-only`, in its order (Sources/Assay/Batch/FactRows.swift).
FACT_COLUMNS = [
    "id", "source", "factory", "metric", "amount", "currency", "qualifier", "per", "period_start", "period_end", "text",
]

#: How much of a failed process's standard error goes into the exception.
STDERR_TAIL = 4000

#: Paths per `assay run FILE…` call for documents assay must decode itself.
RAW_BATCH = 500


class AssayError(RuntimeError):
    """An `assay` process failed or gave a different number of records than it was given documents."""


class RawFile:
    """A document assay reads from a file itself: a `.txt` file that is not valid UTF-8 (windows-1258, UTF-16,
    damaged bytes), which a JSON string cannot carry, or a file of another name (`.html`, `.warc.gz`, …)."""

    __slots__ = ("doc_id", "data")

    def __init__(self, doc_id, data):
        self.doc_id = doc_id
        self.data = data


def fact_rows(record):
    """The `--facts-only` rows of a parsed record, as tuples in FACT_COLUMNS order (None for null).

    Derived the way FactRows.rows does it: the money entity gives amount, currency and text; the period entity
    its start and end; the factory entity its code; qualifier and per come from the fact itself."""
    entities = record["entities"]
    rows = []
    for fact in record["facts"]:
        money = entities[fact["money"]]["value"]
        period = entities[fact["period"]]["value"] if fact["period"] is not None else None
        factory = entities[fact["factory"]]["value"].get("code") if fact["factory"] is not None else None
        rows.append((
            record["id"], record["source"], factory, fact["metric"], money.get("amount"), money.get("currency"),
            fact["qualifier"], fact["per"], period.get("start") if period else None,
            period.get("end") if period else None, entities[fact["money"]]["text"],
        ))
    return rows


def txt_item(doc_id, data):
    """One file for the partition runner: a `--stdin-jsonl` line for a `.txt` file whose bytes are UTF-8, else a
    RawFile (a file that is not UTF-8, or not named `.txt`: `assay run FILE` reads HTML and WARC by their name).

    The text keeps a byte-order mark and CRLF as they are, so the line's `text` has exactly the file's bytes and
    the record (its sha256 `id` included) is the one `assay run FILE` gives."""
    if not doc_id.lower().endswith(".txt"):
        return RawFile(doc_id, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return RawFile(doc_id, data)
    return json.dumps({"id": doc_id, "text": text}, ensure_ascii=False).encode("utf-8")


def _wait(proc, on_exit):
    """Waits for proc; reports the CPU seconds it used (user + system) to on_exit; returns its exit status."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if on_exit is not None:
        on_exit(usage.ru_utime + usage.ru_stime)
    return proc.returncode


def _stderr_tail(handle):
    handle.seek(0)
    text = handle.read().decode("utf-8", "replace")
    return text[-STDERR_TAIL:].strip()


def _check_exit(rc, errors, what, stderr):
    """Exit status 0 is success; 1 only means some document could not be read (its record carries E30x)."""
    if rc == 0 or (rc == 1 and errors > 0):
        return
    reason = f"killed by signal {-rc}" if rc < 0 else f"exit status {rc}"
    raise AssayError(f"{what}: {reason}\n--- assay standard error ---\n{_stderr_tail(stderr)}")


#: How a `--stdin-jsonl` record of a line with no other keys than id and text ends, from `meta` on.
_EMPTY_META = b',"meta":{},"error":'
_NULL_META = b',"meta":null,"error":'


def _records(stdout, errors, files_meta=False):
    """Yields (record line as str, fact rows) for each line assay wrote; counts error records into errors[0].

    files_meta: the lines came from files (txt_item), so `meta` is null as in `assay run FILE`'s records, not the
    empty object of a JSON line with no other keys. (Inside a JSON string every quote is escaped, so the
    last `,"meta":{},"error":` is the record's own key.)"""
    for raw in stdout:
        line = raw.rstrip(b"\n")
        if files_meta:
            at = line.rfind(_EMPTY_META)
            if at < 0:
                raise AssayError(f"a record without an empty meta: {line[:200]!r}")
            line = line[:at] + _NULL_META + line[at + len(_EMPTY_META):]
        record = json.loads(line)
        if record["error"] is not None:
            errors[0] += 1
        yield line.decode("utf-8"), fact_rows(record)


def run_partition(items, assay, rules, partition=0, env=None, files=False, on_exit=None):
    """Runs one partition through assay; yields (record line, fact rows) per document.

    items: `--stdin-jsonl` lines as bytes (without the line end; assay answers every line, an empty or blank
    one with an E303 record) or RawFile documents. The lines go to one `assay run --stdin-jsonl` process, fed from a thread while this
    one reads the records (neither side can block the other on a full pipe); RawFiles are written to a
    temporary directory under their id and run with `assay run FILE…` once the stream is done, so their records
    come last. files: the items are `.txt` documents (see txt_item), whose records have `meta: null` as in
    `assay run FILE`'s. on_exit(cpu_seconds) is called as each assay process ends. Raises AssayError when a
    process fails or the record count differs from the document count."""
    command = [assay, "run", "--stdin-jsonl", "--quiet", "--rules", rules]
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryDirectory(prefix="assay-raw-") as raw_dir:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env)
        fed = [0]
        raw_ids = []
        failure = []

        def feed():
            try:
                for item in items:
                    if isinstance(item, RawFile):
                        raw_ids.append(_write_raw(raw_dir, item))
                        continue
                    proc.stdin.write(item)
                    proc.stdin.write(b"\n")
                    fed[0] += 1
            except BaseException as e:  # noqa: BLE001 — handed to the reading thread, which raises it
                failure.append(e)
            finally:
                try:
                    proc.stdin.close()
                except OSError as e:
                    if not failure:
                        failure.append(e)

        feeder = threading.Thread(target=feed, name=f"assay-feed-{partition}", daemon=True)
        feeder.start()
        errors = [0]
        written = 0
        try:
            for result in _records(proc.stdout, errors, files_meta=files):
                written += 1
                yield result
            rc = _wait(proc, on_exit)
            feeder.join()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            feeder.join(timeout=5)
        what = f"partition {partition}: assay run --stdin-jsonl"
        if failure and not isinstance(failure[0], (BrokenPipeError, OSError)):
            raise failure[0]
        _check_exit(rc, errors[0], what, stderr)
        if failure:
            raise AssayError(f"{what}: could not write its input: {failure[0]}\n"
                             f"--- assay standard error ---\n{_stderr_tail(stderr)}")
        if written != fed[0]:
            raise AssayError(f"{what}: {fed[0]} documents in, {written} records out\n"
                             f"--- assay standard error ---\n{_stderr_tail(stderr)}")
        for start in range(0, len(raw_ids), RAW_BATCH):
            yield from _run_files(assay, rules, raw_dir, raw_ids[start:start + RAW_BATCH], partition, env, on_exit)


def _write_raw(raw_dir, item):
    rel = os.path.normpath(item.doc_id)
    if os.path.isabs(rel) or rel == ".." or rel.startswith("../"):
        raise AssayError(f"document id {item.doc_id!r} is not a relative path")
    path = os.path.join(raw_dir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(item.data)
    return rel


def _run_files(assay, rules, raw_dir, rels, partition, env, on_exit):
    """`assay run FILE…` in raw_dir, where each file sits at its id: the records' sources are the ids."""
    command = [assay, "run", "--quiet", "--jobs", "1", "--rules", rules, "--"] + rels
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(command, cwd=raw_dir, stdout=subprocess.PIPE, stderr=stderr, env=env)
        errors = [0]
        results = []
        try:
            for result in _records(proc.stdout, errors):
                results.append(result)
            rc = _wait(proc, on_exit)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        what = f"partition {partition}: assay run on {len(rels)} non-UTF-8 files"
        _check_exit(rc, errors[0], what, stderr)
        if len(results) != len(rels):
            raise AssayError(f"{what}: {len(rels)} documents in, {len(results)} records out\n"
                             f"--- assay standard error ---\n{_stderr_tail(stderr)}")
    yield from results


def ensure_executable(path):
    """Files fetched by Spark keep their bits on most set-ups, not all: make sure the binary can run."""
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


# ---------------------------------------------------------------------------------------------------- Spark


def parse_args(argv):
    p = argparse.ArgumentParser(description="Extract records and facts from articles with assay on Spark.")
    p.add_argument("--input", required=True, help="a directory of .txt files, or JSON Lines (file, directory or glob)")
    p.add_argument("--format", required=True, choices=["txt", "jsonl"], help="what --input holds")
    p.add_argument("--output", required=True, help="directory to create: records/ (JSON Lines) and facts/ (Parquet)")
    p.add_argument("--assay", required=True, help="the assay binary (driver path or URL); shipped to the executors")
    p.add_argument("--rules", required=True, help="the rule directory (driver path or URL); shipped to the executors")
    p.add_argument("--lib", help="a directory of shared libraries for assay (e.g. ICU); shipped, put on LD_LIBRARY_PATH")
    p.add_argument("--glob", default="*.txt", help="file names read with --format txt (default *.txt)")
    p.add_argument("--partitions", type=int, help="repartition the documents into N partitions first")
    p.add_argument("--summary", help="write the job's counts and time as JSON to this local file")
    return p.parse_args(argv)


def relative_ids(spark, input_dir):
    """A function giving each file's id: its path relative to input_dir, as Spark qualifies it."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(input_dir)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    base = fs.makeQualified(path).toString().rstrip("/") + "/"

    def rel(p):
        return p[len(base):] if p.startswith(base) else p

    return rel


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark import SparkFiles, StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    spark = SparkSession.builder.appName("assay-extract").getOrCreate()
    sc = spark.sparkContext
    sc.addFile(args.assay)
    sc.addFile(args.rules, recursive=True)
    if args.lib:
        sc.addFile(args.lib, recursive=True)
    assay_name = os.path.basename(args.assay.rstrip("/"))
    rules_name = os.path.basename(args.rules.rstrip("/"))
    lib_name = os.path.basename(args.lib.rstrip("/")) if args.lib else None
    started = time.time()

    if args.format == "jsonl":
        docs = sc.textFile(args.input, use_unicode=False)
    else:
        rel = relative_ids(spark, args.input)
        files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                 .option("pathGlobFilter", args.glob).load(args.input).select("path", "content"))
        docs = files.rdd.map(lambda row: txt_item(rel(row.path), bytes(row.content)))
        if args.partitions is None and docs.getNumPartitions() > 4 * sc.defaultParallelism:
            # Many small files make many small splits: one assay start-up each is wasted time.
            docs = docs.coalesce(4 * sc.defaultParallelism)
    if args.partitions is not None:
        n = docs.getNumPartitions()
        docs = docs.coalesce(args.partitions) if args.partitions < n else docs.repartition(args.partitions)

    from_files = args.format == "txt"
    assay_cpu = sc.accumulator(0.0)

    def extract(index, items):
        assay = ensure_executable(SparkFiles.get(assay_name))
        env = None
        if lib_name:
            env = dict(os.environ)
            env["LD_LIBRARY_PATH"] = os.pathsep.join(filter(None, [SparkFiles.get(lib_name), env.get("LD_LIBRARY_PATH")]))
        return run_partition(items, assay, SparkFiles.get(rules_name), partition=index, env=env, files=from_files,
                             on_exit=assay_cpu.add)

    fact = StructType([StructField(c, StringType(), True) for c in FACT_COLUMNS])
    schema = StructType([StructField("record", StringType(), False),
                         StructField("facts", ArrayType(fact, False), False)])
    # One pass through assay; both writes and the counts then read the persisted rows in the JVM.
    results = spark.createDataFrame(docs.mapPartitionsWithIndex(extract), schema).persist(StorageLevel.MEMORY_AND_DISK)
    results.select("record").write.text(os.path.join(args.output, "records"))
    results.select(F.explode("facts").alias("f")).select("f.*").write.parquet(os.path.join(args.output, "facts"))
    seconds = time.time() - started
    counts = results.agg(F.count("*").alias("records"), F.sum(F.size("facts")).alias("facts")).first()
    records, facts = counts["records"], counts["facts"] or 0
    summary = {"records": records, "facts": facts, "seconds": round(seconds, 3),
               "documents_per_second": round(records / seconds, 1) if seconds > 0 else None,
               "partitions": docs.getNumPartitions(), "master": sc.master,
               "assay_cpu_seconds": round(assay_cpu.value, 2)}
    results.unpersist()
    print("assay-extract: " + json.dumps(summary), flush=True)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f)
    spark.stop()


if __name__ == "__main__":
    main()
