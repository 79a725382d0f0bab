#!/usr/bin/env python3
"""The text a reader sees in an HTML page, by the rules of README "HTML input", written independently
of Assay's libxml2 walker with Python's html.parser: corpus_tool.py fills HTML gold offsets from it and
validate_records.py checks HTML records against it. For well-formed pages both must agree.

  html_text.py PAGE.html     print the extracted text
"""
import sys
from html.parser import HTMLParser

BLOCK = set(
    "address article blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure "
    "h1 h2 h3 h4 h5 h6 hgroup hr html legend li main menu ol p section summary table tbody tfoot thead tr ul".split()
)
DROP = set(
    "aside audio button canvas datalist embed footer form head header iframe input math nav noscript object "
    "optgroup option script select style svg template textarea video".split()
)
VOID = set("area base br col embed hr img input link meta param source track wbr".split())
SPACE = " \t\n\r\f"


def hidden(attrs):
    for name, value in attrs:
        value = value or ""
        if name == "hidden":
            return True
        if name == "aria-hidden" and value.strip(SPACE).lower() == "true":
            return True
        if name == "style":
            s = "".join(c for c in value.lower() if c not in SPACE)
            if "display:none" in s or "visibility:hidden" in s:
                return True
    return False


class Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.at_line_start = True
        self.pending_space = False
        self.stack = []
        self.drop_depth = None  # stack depth of the outermost dropped element
        self.pre = 0
        self.title = None  # text of the first <title> in <head>
        self.in_title = False

    # output
    def text(self, s):
        for c in s:
            if c in SPACE:
                if not self.at_line_start:
                    self.pending_space = True
                continue
            if self.pending_space:
                self.out.append(" ")
            self.pending_space = False
            self.at_line_start = False
            self.out.append(c)

    def pre_text(self, s):
        if self.pending_space and s:
            self.out.append(" ")
        self.pending_space = False
        s = s.replace("\r\n", "\n").replace("\r", "\n")
        for c in s:
            self.out.append(c)
            self.at_line_start = c == "\n"

    def line_end(self):
        self.out.append("\n")
        self.at_line_start = True
        self.pending_space = False

    def boundary(self):
        if not self.at_line_start:
            self.line_end()
        self.pending_space = False

    # parsing
    def handle_starttag(self, tag, attrs):
        if tag == "title" and self.title is None and "head" in self.stack:
            self.in_title = True
            self.title = []
        if tag not in VOID:
            self.stack.append(tag)
        if self.drop_depth is not None:
            return
        if tag in DROP or tag == "title" or hidden(attrs):
            if tag not in VOID:
                self.drop_depth = len(self.stack)
            return
        if tag in BLOCK:
            self.boundary()
        elif tag == "pre":
            self.boundary()
            self.pre += 1
        elif tag == "br":
            self.line_end()
        elif tag in ("td", "th"):
            if not self.at_line_start:
                self.out.append("\t")
            self.pending_space = False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            depth = len(self.stack) + 1
            if self.drop_depth is not None:
                if depth == self.drop_depth:
                    self.drop_depth = None
            elif top in BLOCK:
                self.boundary()
            elif top == "pre":
                self.pre -= 1
                self.boundary()
            if top == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.drop_depth is not None:
            return
        if self.pre:
            self.pre_text(data)
        else:
            self.text(data)


def extract(html: str) -> str:
    body = Extractor()
    body.feed(html)
    body.close()
    text = "".join(body.out)
    if body.title is not None:
        head = Extractor()
        head.text("".join(body.title))
        title = "".join(head.out)
        text = title + ("\n" + text if title and text and not text.startswith("\n") else text)
    return text.strip("\n")


if __name__ == "__main__":
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from corpus_tool import decode_html  # noqa: E402

    with open(sys.argv[1], "rb") as f:
        sys.stdout.write(extract(decode_html(f.read())) + "\n")
