"""Checks every zip-based format (.docx's kin: .xlsx, .ods, .ofd) passes before its reader opens it."""

from __future__ import annotations

import io
import zipfile

from policykg.errors import InputError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a larger compression ratio is a zip bomb, not a document


def zip_names(data: bytes) -> frozenset[str]:
    """Return the names of the members of the zip archive ``data``, or an empty set when it is none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return frozenset(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        return frozenset()


def check_archive(data: bytes, path: str, what: str) -> zipfile.ZipFile:
    """Return the open zip archive ``data`` (a ``what``: ".xlsx file"), refusing a damaged file or a zip bomb.

    Raises :class:`InputError` naming ``path`` when the archive cannot be opened or would unpack to
    more than :data:`MAX_UNPACKED_BYTES`, or to more than :data:`MAX_RATIO` times its own size.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InputError(path, f"damaged {what}: not a readable zip archive ({exc})") from None
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        archive.close()
        raise InputError(path, f"refused: this {what} unpacks to {unpacked} bytes (zip bomb?)")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: str, what: str) -> bytes:
    """Return the bytes of member ``name``, or raise :class:`InputError` when it is missing or damaged."""
    try:
        return archive.read(name)
    except KeyError:
        raise InputError(path, f"damaged {what}: {name} is missing") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # a bad CRC, a truncated member
        raise InputError(path, f"damaged {what}: cannot unpack {name} ({exc})") from None
