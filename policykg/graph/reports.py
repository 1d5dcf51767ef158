"""What a build reports: each file built, each file skipped and why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from policykg.errors import InputError
from policykg.loaders.read.fetch import FetchReport

if TYPE_CHECKING:
    from policykg.graph.links.engine import LinkReport


@dataclass
class FileReport:
    """What was made of one file."""

    path: str
    graph: str
    documents: int
    measures: int
    triples: int
    warnings: list[str] = field(default_factory=list)
    naming_no_one: int = 0  # measures that name no department and no generic actor
    method: str = "read"  # how its text was got: "converted by LibreOffice", "recognised by Tesseract" …


@dataclass
class BuildReport:
    """What a build did: files built, files skipped with the reason."""

    built: list[FileReport] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    departments: int = 0
    processes: int = 1  # how many processes parsed
    fetched: FetchReport | None = None  # what was fetched for the URLs given, if any
    links: LinkReport | None = None  # what the files built changed in the links across levels

    @property
    def ok(self) -> bool:
        """True when every file was built."""
        return not self.failed

    @property
    def measures(self) -> int:
        """Return the number of measures built."""
        return sum(f.measures for f in self.built)

    def by_format(self) -> dict[str, dict[str, int]]:
        """Return, by file suffix (".doc"), how many files were read, converted, recognised … or refused."""
        counts: dict[str, dict[str, int]] = {}
        # "converted by LibreOffice" -> "converted", "extracted from a web page" -> "extracted"
        done = [(f.path, re.split(" by | from ", f.method)[0]) for f in self.built]
        for path, how in [*done, *((e.path, "refused") for e in self.failed)]:
            suffix = PurePath(path).suffix.lower() or "(no suffix)"
            counts.setdefault(suffix, {}).setdefault(how, 0)
            counts[suffix][how] += 1
        return dict(sorted(counts.items()))

    @property
    def naming_no_one(self) -> int:
        """Return the number of measures built that name no department and no generic actor."""
        return sum(f.naming_no_one for f in self.built)
