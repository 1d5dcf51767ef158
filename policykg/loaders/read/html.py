"""Plain text from HTML: one line per block, table rows as tab-separated cells, bold as ``**``.

Uses the standard library's event-based parser: no tree is built, so time stays linear however
deeply a hostile page nests its tags, and only the standard character references are expanded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from policykg.errors import InputError

BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "caption",
        "table",
        "body",
        "main",
        "nav",
        "aside",
        "form",
    }
)
SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math", "title"}
)
BOLD = frozenset({"b", "strong"})
_MANY_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n(?:[ \t\u3000]*\n)+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.table_depth = 0
        self.row: list[list[str]] | None = None  # cells of the open row of the outermost table

    def _write(self, text: str) -> None:
        if self.row is not None and self.row:
            self.row[-1].append(text)
        else:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in SKIPPED:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self.table_depth += 1
        elif tag == "tr" and self.table_depth == 1:
            self.row = []
        elif tag in ("td", "th") and self.table_depth == 1 and self.row is not None:
            self.row.append([])
        elif tag == "br":
            self._write("\n" if self.row is None else " ")
        elif tag in BOLD:
            self._write("**")
        elif tag in BLOCKS and self.row is None:
            self._write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table":
            self.table_depth = max(0, self.table_depth - 1)
            self._write("\n")
        elif tag == "tr" and self.table_depth == 1 and self.row is not None:
            cells = [" ".join("".join(c).replace("**", "").split()) for c in self.row]
            self.row = None
            if any(cells):
                self.out.append("\n" + "\t".join(cells) + "\n")
        elif tag in BOLD:
            self._write("**")
        elif tag in BLOCKS and self.row is None:
            self._write("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._write(data)


def html_to_text(html: str, path: str) -> str:
    """Return the visible text of an HTML page, or raise :class:`InputError`."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError) as exc:  # the parser's own errors on broken markup
        raise InputError(path, f"cannot parse HTML: {exc}") from None
    text = "".join(parser.out).replace("****", "")
    text = "\n".join(line.strip() for line in text.splitlines())
    return _MANY_BLANK_LINES.sub("\n\n", text).strip() + "\n"
