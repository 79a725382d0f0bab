#!/usr/bin/env python3
"""Validates JSON Lines records against schema/record.v1.json and checks that every entity's text is the
original slice: text == original[start:end] in Unicode scalars (the file is decoded as Assay decodes it; an
HTML page's offsets are checked against the record's "text" when present, else against html_text.py's
extraction; WARC records need --with-text to be checked).

usage: validate_records.py SCHEMA RECORDS.jsonl
"""
import json
import sys

import jsonschema

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from corpus_tool import document_text  # noqa: E402


def main(schema_path, records_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    problems = 0
    count = 0
    with open(records_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            record = json.loads(line)
            count += 1
            for err in validator.iter_errors(record):
                print(f"line {n}: {record.get('source')}: schema: {err.message} at {list(err.absolute_path)}")
                problems += 1
            if record.get("error") is None and record["entities"]:
                if record.get("text") is not None:
                    text = record["text"]
                elif record.get("format") == "warc":
                    continue
                else:
                    text = document_text(record["source"])
                for e in record["entities"]:
                    if text[e["start"]:e["end"]] != e["text"]:
                        print(f"line {n}: {record['source']}: {e['text']!r} != original slice {text[e['start']:e['end']]!r}")
                        problems += 1
    print(f"{count} records, {problems} problems")
    return 1 if problems or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
