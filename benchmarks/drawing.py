"""What the view benchmarks share: one headless Chromium, and the times it takes to draw a page.

"Drawn" is the page's first afterDrawing event (``window.policykgView.drawn``), in ms since
navigation started.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 800}


@contextmanager
def chromium() -> Iterator[object]:
    """Yield Debian's Chromium driven by Playwright (exit if it is not installed); close it after."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or exit("chromium is not installed")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def drawing_seconds(browser, path: Path, runs: int, timeout_ms: int) -> list[float]:  # noqa: ANN001
    """Return the seconds each of ``runs`` fresh pages took to draw the view at ``path``, sorted."""
    drawn = []
    for _ in range(runs):
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(path.as_uri())
        page.wait_for_function(
            "window.policykgView && window.policykgView.drawn !== null", timeout=timeout_ms
        )
        drawn.append(page.evaluate("window.policykgView.drawn") / 1000)
        page.close()
    return sorted(drawn)


def runs_and_median(drawn: list[float]) -> str:
    """Return sorted drawing times as printed: each run, then an arrow and their median."""
    return f"{' '.join(f'{d:.2f}' for d in drawn)} → {drawn[len(drawn) // 2]:.2f}"
