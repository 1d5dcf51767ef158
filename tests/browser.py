"""Open pages in headless Chromium (Debian's, driven by Playwright) and report what happened."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .components import component_missing

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_browser():
    """Skip (or, in CI, fail) when there is no Chromium or Playwright to drive it."""
    missing = None
    if CHROMIUM is None:
        missing = "Debian's chromium is not installed (.ci/run installs it)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[test]')"
    if missing:
        component_missing(missing)


@contextmanager
def running_browser() -> Iterator[Browser]:
    """Start one Chromium (skipping, or failing under CI, where there is none) and close it afterwards."""
    require_browser()
    browser = Browser()
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class Visit:
    """What a page did: its view counts, errors, requests, and how many pixels it drew."""

    view: dict | None
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    painted: int = 0
    pwned: bool = False


class Browser:
    """One Chromium for many pages."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()

    def new_page(self, width: int = 1280, height: int = 800):
        """Return a fresh page of the shared browser, for tests that drive it themselves."""
        return self._browser.new_page(viewport={"width": width, "height": height})

    def visit(self, path: Path, wait_for_view: bool = True, screenshot: Path | None = None) -> Visit:
        page = self._browser.new_page(viewport={"width": 1280, "height": 800})
        visit = Visit(view=None)
        page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.on("request", lambda r: visit.requests.append(r.url))
        page.goto(path.resolve().as_uri())
        if wait_for_view:
            page.wait_for_function("window.policykgView && window.policykgView.drawn !== null", timeout=60000)
            visit.view = page.evaluate(
                "({nodes: window.policykgView.nodes, edges: window.policykgView.edges, drawn: window.policykgView.drawn,"
                " shown: window.policykgView.network.body.data.nodes.length})"
            )
            visit.painted = page.evaluate(
                """() => { const c = document.querySelector('#graph canvas'); const g = c.getContext('2d');
                const d = g.getImageData(0, 0, c.width, c.height).data; let n = 0;
                for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++; }
                return n; }"""
            )
        visit.pwned = page.evaluate("window.pwned === 1")
        if screenshot is not None:
            page.screenshot(path=str(screenshot))
        page.close()
        return visit
