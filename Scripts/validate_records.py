#!/usr/bin/env python3
"""Validates JSON Lines records against schema/record.v1.json and checks that every entity's text is the
original slice: text == original[start:end] in Unicode scalars (the document is decoded as the record's
`encoding` says, invalid UTF-8 replaced by U+FFFD as Assay does for W301). A record that carries its `text`
(`--with-text`) is checked against it; an HTML page's (`format` `html`) without it against the text that
html_text.py, an extractor written apart from Assay's, gives; a WARC record's only with `--with-text`.

usage: validate_records.py SCHEMA RECORDS.jsonl [--stdin-jsonl INPUT.jsonl]

A record's `source` is a path with `\\\\` for a backslash and `\\xNN` for a byte that is not UTF-8 (README,
"The record"); it is turned back into the file's bytes. Records of `assay run --stdin-jsonl` name no file:
give the input with --stdin-jsonl to check them against each line's `text`; without it their offsets are
not checked (counted as "not checked"), and neither are `stdin` or `text` records.
"""
import json
import os
import re
import sys

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_text import extract  # noqa: E402

ESCAPE = re.compile(rb"\\(\\|x[0-9A-F]{2})")


def source_path(source: str) -> bytes:
    """The file-name bytes of a record's `source` (the inverse of Assay's escaping)."""
    raw = source.encode("utf-8")
    return ESCAPE.sub(lambda m: b"\\" if m.group(1) == b"\\" else bytes([int(m.group(1)[1:], 16)]), raw)


def decode(data: bytes, encoding: str) -> str:
    """The original text as Assay decoded it: a byte-order mark dropped, then the record's encoding."""
    if encoding == "utf-8":
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        return data.decode("utf-8", errors="replace")
    if encoding == "utf-16le":
        return data[2:].decode("utf-16-le", errors="replace") if data.startswith(b"\xff\xfe") else data.decode("utf-16-le", errors="replace")
    if encoding == "utf-16be":
        return data[2:].decode("utf-16-be", errors="replace") if data.startswith(b"\xfe\xff") else data.decode("utf-16-be", errors="replace")
    if encoding == "windows-1258":
        return data.decode("cp1258", errors="replace")
    return data.decode(encoding, errors="replace")


def stream_text_bytes(text: str) -> bytes:
    """The bytes Assay decodes for a line's `text`: invalid UTF-8 in the line kept as it was (read back
    from surrogateescape), an escaped lone surrogate as U+FFFD."""
    text = "".join(c if not 0xD800 <= ord(c) < 0xE000 or 0xDC80 <= ord(c) <= 0xDCFF else "\ufffd" for c in text)
    return text.encode("utf-8", errors="surrogateescape")


def stream_texts(input_path):
    """(source, text bytes) per input line of --stdin-jsonl, as Assay names them."""
    with open(input_path, "rb") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line.decode("utf-8", errors="surrogateescape"))
            except ValueError:
                yield f"stdin:{n}", None
                continue
            if not isinstance(obj, dict):
                yield f"stdin:{n}", None
                continue
            source = obj["id"] if isinstance(obj.get("id"), str) else f"stdin:{n}"
            text = obj.get("text")
            yield source, stream_text_bytes(text) if isinstance(text, str) else None


def main(argv):
    stream_input = None
    if "--stdin-jsonl" in argv:
        k = argv.index("--stdin-jsonl")
        stream_input = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    schema_path, records_path = argv[0], argv[1]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    lines = stream_texts(stream_input) if stream_input else None
    problems = count = unchecked = 0
    with open(records_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            record = json.loads(line)
            count += 1
            for err in validator.iter_errors(record):
                print(f"line {n}: {record.get('source')}: schema: {err.message} at {list(err.absolute_path)}")
                problems += 1
            data = None
            if lines is not None:
                # Records come in input order; a line without a record (none today) is passed over.
                for source, text in lines:
                    if source == record["source"]:
                        data = text
                        break
                else:
                    print(f"line {n}: {record['source']}: no input line with this source")
                    problems += 1
            elif record["source"] not in ("stdin", "text") and os.path.isfile(source_path(record["source"])):
                with open(source_path(record["source"]), "rb") as doc:
                    data = doc.read()
            if record.get("error") is not None or not record["entities"]:
                continue
            if record.get("text") is not None:
                text = record["text"]
            elif data is None or record.get("format") == "warc":
                unchecked += 1
                continue
            elif record.get("format") == "html":
                text = extract(decode(data, record["encoding"]))
            else:
                text = decode(data, record["encoding"])
            for e in record["entities"]:
                if text[e["start"]:e["end"]] != e["text"]:
                    print(f"line {n}: {record['source']}: {e['text']!r} != original slice {text[e['start']:e['end']]!r}")
                    problems += 1
    note = f", {unchecked} not checked (no file named by source)" if unchecked else ""
    print(f"{count} records, {problems} problems{note}")
    return 1 if problems or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
