#!/usr/bin/env python3
"""Corpus helper for gold files.

  fill GOLD.json        compute start/end of every entity from its text (and optional
                        "occurrence", 1-based, counted in the decoded original), write back.
  derive SRC.txt SRC.gold.json FORM OUT.txt
                        write OUT.txt as SRC.txt in an awkward FORM (nfd, cp1258, crlf-bom,
                        zwj) and OUT.gold.json with every span moved to the new text.
                        A fact may name its money entity as "money_text" (+ "money_occurrence")
                        instead of "money": fill turns it into the entity's index.
  check GOLD.json       verify text == original[start:end] for every entity.

Offsets are Unicode scalars of the decoded original (after a BOM is dropped), as DESIGN.md says.
The decoding here mirrors Assay's: BOM decides UTF-8/UTF-16; else UTF-8; else windows-1258.
A document may be NAME.html instead of NAME.txt: its offsets are in the extracted text (html_text.py),
its charset from a BOM, else <meta charset>/http-equiv, else as for text.
"""
import json
import os
import re
import sys
import unicodedata

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258")


META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes) -> str:
    """An HTML page's source text: a BOM decides, else the <meta> declaration, else as for text."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    m = META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        name = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "utf-16": "utf-8"}.get(name, name)
        return data.decode(name, errors="replace")
    return decode(data)


def doc_path(gold_path: str) -> str:
    assert gold_path.endswith(".gold.json"), gold_path
    base = gold_path[: -len(".gold.json")]
    return base + ".html" if os.path.exists(base + ".html") else base + ".txt"


def document_text(path: str) -> str:
    """The text gold offsets refer to: the decoded original, or an HTML page's extracted text."""
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith((".html", ".htm")):
        from html_text import extract

        return extract(decode_html(data))
    return decode(data)


def load(gold_path):
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)
    return gold, document_text(doc_path(gold_path))


def save(gold_path, gold):
    with open(gold_path, "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")


def fill(gold_path):
    gold, text = load(gold_path)
    for key in ("entities", "optional"):
        for ent in gold.get(key, []):
            needle = ent["text"]
            nth = ent.pop("occurrence", 1)
            pos = -1
            for _ in range(nth):
                pos = text.find(needle, pos + 1)
                if pos < 0:
                    sys.exit(f"{gold_path}: {needle!r} occurrence {nth} not found")
            ent["start"], ent["end"] = pos, pos + len(needle)
        gold.get(key, []).sort(key=lambda e: (e["start"], e["end"]))
    ents = gold.get("entities", [])
    for fact in gold.get("facts", []):
        if "money_text" not in fact:
            continue
        needle, nth = fact.pop("money_text"), fact.pop("money_occurrence", 1)
        pos = -1
        for _ in range(nth):
            pos = text.find(needle, pos + 1)
            if pos < 0:
                sys.exit(f"{gold_path}: fact money {needle!r} occurrence {nth} not found")
        idx = [i for i, e in enumerate(ents) if e["type"] == "money" and e["start"] == pos]
        if not idx:
            sys.exit(f"{gold_path}: fact money {needle!r} is not a gold money entity")
        fact["money"] = idx[0]
    gold.get("facts", []).sort(key=lambda f: f["money"])
    save(gold_path, gold)


def check(gold_path):
    gold, text = load(gold_path)
    bad = 0
    for key in ("entities", "optional"):
        for ent in gold.get(key, []):
            if text[ent["start"]:ent["end"]] != ent["text"]:
                print(f"{gold_path}: {ent['text']!r} != {text[ent['start']:ent['end']]!r}")
                bad += 1
    return bad


def to_cp1258_form(ch: str) -> str:
    try:
        ch.encode("cp1258")
        return ch
    except UnicodeEncodeError:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        return base + "".join(c for c in d if c in TONES)


def derive(src, src_gold, form, out):
    with open(src, "rb") as f:
        text = decode(f.read())
    pieces = []
    for i, ch in enumerate(text):
        if form == "nfd":
            pieces.append(unicodedata.normalize("NFD", ch))
        elif form == "cp1258":
            pieces.append(to_cp1258_form(ch))
        elif form == "crlf-bom":
            pieces.append("\r\n" if ch == "\n" else ch)
        elif form == "zwj":
            # a ZWJ after every virama, a ZWNJ after every third one: as some keyboards write
            pieces.append(ch + ("\u200d" if ch == "\u094d" else ""))
        else:
            sys.exit(f"unknown form {form}")
    starts = [0]
    for p in pieces:
        starts.append(starts[-1] + len(p))
    new = "".join(pieces)
    with open(src_gold, encoding="utf-8") as f:
        gold = json.load(f)
    for key in ("entities", "optional"):
        for ent in gold.get(key, []):
            s, e = starts[ent["start"]], starts[ent["end"]]
            # a trailing ZWJ after the last virama stays outside the span
            ent["start"], ent["end"], ent["text"] = s, e, new[s:e]
    if form == "cp1258":
        data = new.encode("cp1258")
    elif form == "crlf-bom":
        data = b"\xef\xbb\xbf" + new.encode("utf-8")
    else:
        data = new.encode("utf-8")
    with open(out, "wb") as f:
        f.write(data)
    save(out[:-4] + ".gold.json", gold)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "fill":
        for p in sys.argv[2:]:
            fill(p)
    elif cmd == "check":
        sys.exit(1 if sum(check(p) for p in sys.argv[2:]) else 0)
    elif cmd == "derive" and len(sys.argv) == 6:
        derive(*sys.argv[2:6])
    else:
        sys.exit(__doc__)
