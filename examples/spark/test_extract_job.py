"""Tests of extract_job.py's parts that run without Spark: fact rows, the partition runner, its checks.

    python3 -m unittest discover -s examples/spark -p 'test_*.py'

Stand-in `assay` scripts exercise the runner's failure handling; with ASSAY_BIN set (as `make test` sets it to
the debug build) the runner is also compared with `assay run` on corpus documents.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract_job  # noqa: E402
from extract_job import AssayError, RawFile, fact_rows, run_partition, txt_item  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# A stand-in for `assay run`: `--stdin-jsonl` echoes a small record per line (source = the line's id, the text's
# length as its only fact's amount); `run -- FILE…` gives one per file. FAKE_MODE bends it.
FAKE = textwrap.dedent("""\
    import json, os, sys
    mode = os.environ.get("FAKE_MODE", "")
    def record(source, text):
        money = {"type": "money", "text": text[:5], "start": 0, "end": 5, "language": "en", "rule": "x",
                 "value": {"amount": str(len(text)), "currency": "VND", "qualifier": "exact", "per": None}}
        return {"schema": "assay.record.v1", "id": "sha256:0", "source": source, "entities": [money],
                "facts": [{"metric": "other", "money": 0, "period": None, "factory": None, "qualifier": "exact",
                           "per": None, "period_by": None, "factory_by": None}],
                "error": {"code": "E303", "message": "bad"} if text == "BAD" else None}
    if mode == "rules":
        sys.stderr.write("rules/vi/money.yaml:3:1: error[E104]: unknown lexicon 'scale'\\n")
        sys.exit(2)
    if "--stdin-jsonl" in sys.argv:
        n = 0
        for line in sys.stdin.buffer:
            n += 1
            if not line.strip():
                sys.stdout.write(json.dumps(record(f"stdin:{n}", "BAD")) + "\\n")
                continue
            obj = json.loads(line)
            if mode == "drop" and n == 2:
                continue
            sys.stdout.write(json.dumps(record(obj["id"], obj["text"])) + "\\n")
            sys.stdout.flush()
            if mode == "crash" and n == 3:
                os.abort()
    else:
        for path in sys.argv[sys.argv.index("--") + 1:]:
            with open(path, "rb") as f:
                data = f.read()
            sys.stdout.write(json.dumps(record(path, data.decode("latin-1"))) + "\\n")
    sys.exit(1 if mode == "exit1" else 0)
    """)


def line(doc_id, text):
    return json.dumps({"id": doc_id, "text": text}).encode()


class FactRowsTests(unittest.TestCase):
    def test_rows_take_values_from_the_linked_entities(self):
        record = {
            "id": "sha256:ab", "source": "vi/a.txt",
            "entities": [
                {"type": "period", "text": "năm 2023", "value": {"start": "2023", "end": "2023"}},
                {"type": "factory", "text": "Nhà máy Z131", "value": {"code": "Z131"}},
                {"type": "money", "text": "gần 1.500 tỷ đồng",
                 "value": {"amount": "1500000000000", "currency": "VND", "qualifier": "approx", "per": None}},
                {"type": "money", "text": "14 triệu đồng/người/tháng",
                 "value": {"amount": "14000000", "currency": "VND", "qualifier": "exact", "per": "person_month"}},
            ],
            "facts": [
                {"metric": "revenue", "money": 2, "period": 0, "factory": 1, "qualifier": "approx", "per": None},
                {"metric": "salary", "money": 3, "period": None, "factory": None, "qualifier": "exact",
                 "per": "person_month"},
            ],
        }
        self.assertEqual(fact_rows(record), [
            ("sha256:ab", "vi/a.txt", "Z131", "revenue", "1500000000000", "VND", "approx", None, "2023", "2023",
             "gần 1.500 tỷ đồng"),
            ("sha256:ab", "vi/a.txt", None, "salary", "14000000", "VND", "exact", "person_month", None, None,
             "14 triệu đồng/người/tháng"),
        ])
        self.assertEqual(len(extract_job.FACT_COLUMNS), len(fact_rows(record)[0]))

    def test_open_period_has_a_null_end(self):
        record = {"id": None, "source": "s", "facts": [
            {"metric": "other", "money": 1, "period": 0, "factory": None, "qualifier": "over", "per": "year"}],
            "entities": [{"text": "từ 2019", "value": {"start": "2019", "end": None}},
                         {"text": "$1", "value": {"amount": "1", "currency": "USD", "qualifier": "over", "per": "year"}}]}
        self.assertEqual(fact_rows(record), [(None, "s", None, "other", "1", "USD", "over", "year", "2019", None, "$1")])


class TxtItemTests(unittest.TestCase):
    def test_utf8_keeps_bom_and_crlf(self):
        data = "\ufeffA\r\nB".encode("utf-8")
        obj = json.loads(txt_item("x/a.txt", data))
        self.assertEqual(obj, {"id": "x/a.txt", "text": "\ufeffA\r\nB"})
        self.assertEqual(obj["text"].encode("utf-8"), data)

    def test_other_names_are_raw_files_read_by_assay(self):
        item = txt_item("vi/page.HTML", b"<html><body>Z131</body></html>")
        self.assertIsInstance(item, RawFile)
        self.assertEqual(item.doc_id, "vi/page.HTML")

    def test_non_utf8_is_a_raw_file(self):
        item = txt_item("vi/b.txt", "Nhà máy".encode("cp1258"))
        self.assertIsInstance(item, RawFile)
        self.assertEqual(item.data, "Nhà máy".encode("cp1258"))


class RunPartitionTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.fake = os.path.join(self.dir.name, "fake-assay")
        with open(self.fake, "w") as f:
            f.write(f"#!{sys.executable}\n" + FAKE)
        os.chmod(self.fake, 0o755)

    def tearDown(self):
        self.dir.cleanup()

    def run_fake(self, items, mode="", on_exit=None):
        env = dict(os.environ, FAKE_MODE=mode)
        return list(run_partition(iter(items), self.fake, "rules", partition=7, env=env, on_exit=on_exit))

    def test_one_record_per_line_in_order_with_fact_rows(self):
        out = self.run_fake([line("a", "one"), b"", line("b", "three")])
        self.assertEqual([json.loads(r)["source"] for r, _ in out], ["a", "stdin:2", "b"])
        self.assertIsNotNone(json.loads(out[1][0])["error"])  # an empty line is answered too, as assay does
        self.assertEqual(out[2][1], [("sha256:0", "b", None, "other", "5", "VND", "exact", None, None, None, "three")])

    def test_large_documents_do_not_deadlock_the_pipes(self):
        # Each line and record is far larger than a pipe's buffer: writing all input before reading would hang.
        items = [line(f"d{i}", "x" * 300_000) for i in range(40)]
        out = self.run_fake(items)
        self.assertEqual(len(out), 40)
        self.assertEqual(json.loads(out[39][0])["source"], "d39")

    def test_a_missing_record_fails_the_partition(self):
        with self.assertRaisesRegex(AssayError, r"partition 7: .* 3 documents in, 2 records out"):
            self.run_fake([line("a", "1"), line("b", "2"), line("c", "3")], mode="drop")

    def test_a_failed_process_surfaces_its_stderr(self):
        with self.assertRaisesRegex(AssayError, r"(?s)exit status 2.*error\[E104\]: unknown lexicon 'scale'"):
            self.run_fake([line("a", "1")], mode="rules")

    def test_a_crash_is_reported_with_its_signal(self):
        with self.assertRaisesRegex(AssayError, r"killed by signal 6"):
            self.run_fake([line(str(i), "t") for i in range(10)], mode="crash")

    def test_exit_1_passes_only_with_an_error_record(self):
        out = self.run_fake([line("a", "BAD"), line("b", "ok")], mode="exit1")
        self.assertEqual(len(out), 2)
        with self.assertRaisesRegex(AssayError, "exit status 1"):
            self.run_fake([line("a", "fine")], mode="exit1")

    def test_raw_files_run_from_their_ids_after_the_stream(self):
        items = [line("a", "x"), RawFile("vi/sub/b.txt", b"\xe0\xe1"), line("c", "y"), RawFile("c.txt", b"z")]
        cpu = []
        out = self.run_fake(items, on_exit=cpu.append)
        self.assertEqual(len(cpu), 2)  # the stream's process and one `assay run FILE…`
        self.assertTrue(all(0 < c < 60 for c in cpu), cpu)
        self.assertEqual([json.loads(r)["source"] for r, _ in out], ["a", "c", "vi/sub/b.txt", "c.txt"])
        self.assertEqual(out[2][1][0][4], "2")  # the fake read the two bytes back from the file

    def test_an_id_leaving_the_directory_is_refused(self):
        with self.assertRaisesRegex(AssayError, "not a relative path"):
            self.run_fake([RawFile("../escape.txt", b"\xff")])


@unittest.skipUnless(os.environ.get("ASSAY_BIN"), "ASSAY_BIN (an assay binary) not set")
class RealAssayTests(unittest.TestCase):
    """The runner gives the very records `assay run FILE` gives, for UTF-8, BOM+CRLF, windows-1258 and HTML files."""

    def test_records_and_facts_equal_assay_runs(self):
        assay = os.environ["ASSAY_BIN"]
        rules = os.path.join(ROOT, "rules")
        corpus = os.path.join(ROOT, "corpus")
        names = []
        for lang in ("vi", "en", "hi"):
            names += sorted(f"{lang}/{n}" for n in os.listdir(os.path.join(corpus, lang)) if n.endswith(".txt"))[:4]
        names += [n for n in ("vi/z181-vuot-kho-dai-dich.txt",) if os.path.exists(os.path.join(corpus, n))]
        names += sorted(f"vi/{n}" for n in os.listdir(os.path.join(corpus, "vi")) if n.endswith(".html"))[:1]
        items = []
        for n in names:
            with open(os.path.join(corpus, n), "rb") as f:
                items.append(txt_item(n, f.read()))
        self.assertTrue(any(isinstance(i, RawFile) for i in items), "expected a windows-1258 corpus document")
        out = list(run_partition(iter(items), assay, rules, files=True))
        base = [assay, "run", "--quiet", "--rules", rules, "--"]
        expected = subprocess.run(base + names, cwd=corpus, capture_output=True, check=True).stdout.splitlines()
        by_source = {json.loads(r)["source"]: r.encode() for r, _ in out}
        self.assertEqual(by_source, {json.loads(e)["source"]: e for e in expected})
        facts = subprocess.run(base[:2] + ["--facts-only"] + base[2:] + names, cwd=corpus, capture_output=True,
                               check=True).stdout.splitlines()
        rows = collections.Counter(row for _, rs in out for row in rs)
        self.assertGreater(sum(rows.values()), 10)
        self.assertEqual(rows, collections.Counter(tuple(json.loads(f)[c] for c in extract_job.FACT_COLUMNS) for f in facts))


if __name__ == "__main__":
    unittest.main()
