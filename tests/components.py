"""What a test does when a program it needs (a browser, a server, LibreOffice, Tesseract) is absent."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def component_missing(message: str) -> NoReturn:
    """Fail under CI, which installs every component (.ci/run); elsewhere skip, saying what is missing."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
