"""Where a measure stands in its notice's source page: the page's file name and the measure's anchor.

Every view and the report link a measure to ``source-<file>.html#<anchor>`` beside them; the source
view (``policykg viz source``) writes that page and gives each measure that anchor.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

SOURCE_PAGE_PREFIX = "source-"
# the end of a measure's IRI: …/doc/<file>/<document index>/measure/<order>
_MEASURE_TAIL = re.compile(r"/(\d+)/measure/(\d+)$")
# the end of a document's IRI: …/doc/<file>/<document index>
_DOCUMENT_TAIL = re.compile(r"/doc/[^/]+/(\d+)$")


def source_page_name(source_iri: str) -> str:
    """Return the file name of a source file's page: ``source-<file name, as in its IRI>.html``.

    >>> source_page_name("https://w3id.org/policykg/id/source/notice.txt")
    'source-notice.txt.html'
    """
    return f"{SOURCE_PAGE_PREFIX}{source_iri.rsplit('/', 1)[-1]}.html"


def anchor(iri: str) -> str:
    """Return the id a measure or document has in its source page (``m1-10``: document 1, measure 10).

    >>> anchor("https://w3id.org/policykg/id/doc/notice.txt/1/measure/10")
    'm1-10'
    >>> anchor("https://w3id.org/policykg/id/doc/notice.txt/0")
    'd0'
    """
    found = _MEASURE_TAIL.search(iri)
    if found:
        return f"m{found.group(1)}-{found.group(2)}"
    found = _DOCUMENT_TAIL.search(iri)
    if found:
        return f"d{found.group(1)}"
    return "x" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


def measure_href(measure_iri: str, source_iri: str) -> str:
    """Return the relative link to a measure (or document) in its source page."""
    return f"{quote(source_page_name(source_iri))}#{anchor(measure_iri)}"
