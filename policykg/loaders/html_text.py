"""Plain text from HTML: one line per block, table rows as tab-separated cells, bold as ``**``."""

from __future__ import annotations

import re

from ..errors import InputError

_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
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
)
_MANY_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n(?:[ \t\u3000]*\n)+")


def _cell_text(cell) -> str:
    return " ".join(cell.get_text(" ").split())


def html_to_text(html: str, path: str) -> str:
    """Return the visible text of an HTML page, or raise :class:`InputError`."""
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(html, "html.parser")
    except Exception as exc:  # bs4 raises assorted errors on broken markup
        raise InputError(path, f"cannot parse HTML: {exc}") from None
    for tag in soup(["script", "style", "noscript", "template", "head", "iframe", "object"]):
        tag.decompose()
    for table in soup.find_all("table"):
        if table.find_parent("table") is not None:
            continue
        rows = ["\t".join(_cell_text(c) for c in tr.find_all(["td", "th"])) for tr in table.find_all("tr")]
        table.replace_with("\n" + "\n".join(r for r in rows if r.strip()) + "\n")
    for tag in soup.find_all(["b", "strong"]):
        inner = tag.get_text()
        if inner.strip():
            tag.replace_with(f"**{inner}**")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_after("\n")
        if tag.name == "br":
            tag.decompose()
    text = soup.get_text("")
    text = "\n".join(line.strip() for line in text.splitlines())
    return _MANY_BLANK_LINES.sub("\n\n", text).strip() + "\n"
