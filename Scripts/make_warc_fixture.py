#!/usr/bin/env python3
"""Writes the WARC test archives (used by Tests/AssayCLITests/WARCCLITests.swift).

  make_warc_fixture.py DIR

DIR/news.warc.gz: one gzip member per record, as crawlers write it:
  warcinfo, request, response (Vietnamese HTML, charset in the HTTP header only, windows-1258 bytes),
  response (image/png), metadata, a corrupt member, response (English text/plain, chunked),
  response (Hindi HTML, gzip content encoding), and a truncated member at the end.
DIR/plain.warc: the same kind of records uncompressed, with one malformed record in the middle.

The format is written by hand (WARC/1.1 headers are plain text); python's gzip module writes members.
"""
import gzip
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus_tool import to_cp1258_form  # noqa: E402


def cp1258(text):
    return "".join(to_cp1258_form(c) for c in text).encode("cp1258")

VI_HTML = """<!DOCTYPE html><html><head><title>Nhà máy Z131 báo lãi</title>
<script>var x = "1.000 tỷ đồng";</script></head>
<body><nav>Trang chủ | Kinh tế</nav>
<p>Năm 2023, Nhà máy Z131 đạt doanh thu 1.500 <b>tỷ đồng</b>.</p>
<footer>Bản quyền 2024</footer></body></html>
"""

EN_TEXT = "Z121 Factory earned VND 240 billion in revenue in 2022.\n"

HI_HTML = """<html><head><meta charset="utf-8"><title>जेड175 कारखाना</title></head>
<body><article><p>वर्ष 2022 में जेड175 कारखाने का राजस्व 23.4 बिलियन VND रहा।</p></article></body></html>
"""


def record(warc_type, headers, block):
    lines = ["WARC/1.1", f"WARC-Type: {warc_type}"]
    lines += [f"{k}: {v}" for k, v in headers]
    lines.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + block + b"\r\n\r\n"


def response(n, uri, http_headers, payload):
    http = "HTTP/1.1 200 OK\r\n" + "".join(f"{k}: {v}\r\n" for k, v in http_headers) + "\r\n"
    return record(
        "response",
        [
            ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-00000000000{n}>"),
            ("WARC-Date", f"2026-11-2{n}T08:00:00Z"),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http.encode("ascii") + payload,
    )


def chunked(data, size=17):
    out = b""
    for i in range(0, len(data), size):
        part = data[i : i + size]
        out += f"{len(part):x}\r\n".encode() + part + b"\r\n"
    return out + b"0\r\n\r\n"


def records():
    info = record("warcinfo", [("WARC-Record-ID", "<urn:uuid:info>"), ("Content-Type", "application/warc-fields")], b"software: test\r\n")
    request = record(
        "request",
        [("WARC-Record-ID", "<urn:uuid:req>"), ("WARC-Target-URI", "https://tin.example.vn/z131"), ("Content-Type", "application/http; msgtype=request")],
        b"GET /z131 HTTP/1.1\r\nHost: tin.example.vn\r\n\r\n",
    )
    vi = response(1, "https://tin.example.vn/z131", [("Content-Type", "text/html; charset=windows-1258")], cp1258(VI_HTML))
    png = response(2, "https://tin.example.vn/logo.png", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    meta = record("metadata", [("WARC-Record-ID", "<urn:uuid:meta>"), ("Content-Type", "application/warc-fields")], b"fetchTimeMs: 12\r\n")
    en = response(
        3,
        "https://news.example.com/z121",
        [("Content-Type", "text/plain; charset=utf-8"), ("Transfer-Encoding", "chunked")],
        chunked(EN_TEXT.encode("utf-8")),
    )
    hi = response(
        4, "https://samachar.example.in/z175", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], gzip.compress(HI_HTML.encode("utf-8"), mtime=0)
    )
    return info, request, vi, png, meta, en, hi


def main(out_dir):
    info, request, vi, png, meta, en, hi = records()
    corrupt = bytearray(gzip.compress(record("resource", [("WARC-Record-ID", "<urn:uuid:lost>")], b"x" * 200), mtime=0))
    corrupt[14:24] = b"\xff" * 10  # inside the deflate data: inflating fails
    truncated = gzip.compress(response(5, "https://tin.example.vn/cut", [("Content-Type", "text/html")], b"<p>Nh\xc3\xa0 m\xc3\xa1y Z111</p>"), mtime=0)
    members = [gzip.compress(r, mtime=0) for r in (info, request, vi, png, meta)]
    members.append(bytes(corrupt))
    members += [gzip.compress(r, mtime=0) for r in (en, hi)]
    members.append(truncated[: len(truncated) // 2])
    with open(os.path.join(out_dir, "news.warc.gz"), "wb") as f:
        f.write(b"".join(members))
    malformed = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\nnot a record\r\n\r\n"
    with open(os.path.join(out_dir, "plain.warc"), "wb") as f:
        f.write(info + vi + malformed + en + hi)


if __name__ == "__main__":
    main(sys.argv[1])
