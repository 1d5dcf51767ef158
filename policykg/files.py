"""Writing output files whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from policykg.errors import PolicyKGError


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on failure it is removed.

    A reader never sees a half-written file, and a failed write leaves the old file as it was.
    Raises :class:`PolicyKGError` naming the file when it cannot be written.
    """
    target = Path(path)
    tmp = target.with_name(f"{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise PolicyKGError(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        with suppress(OSError):  # no folder to hold it (the parent is a file): nothing to remove
            tmp.unlink(missing_ok=True)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` whole or not at all; return the path written."""
    return write_with(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_with(path: str | os.PathLike[str], writer: Callable[[Path], object]) -> Path:
    """Call ``writer(tmp)`` to write a temporary file, then move it to ``path``; return ``path``."""
    with replacing(path) as tmp:
        writer(tmp)
    return Path(path)
