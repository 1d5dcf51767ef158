"""Straighten a scanned page fed into the scanner at a slight angle.

At one or two degrees Tesseract already loses whole lines of Chinese and a table's rules no longer
run along one pixel row. The angle is the one at which the page's rows of ink are sharpest: rotated
by the right angle, text lines and rules fall on few rows and the gaps between them on none, so the
variance of the ink counted per row is highest. It is searched on a small copy of the page.
"""

from __future__ import annotations

import numpy as np

MAX_SKEW_DEGREES = 3.0
COARSE_STEP_DEGREES = 0.5  # searched every half degree, then every tenth around the best
FINE_STEP_DEGREES = 0.1
SEARCH_WIDTH_PIXELS = 800  # the page is searched at this width: a tenth of a degree still shows
MIN_SKEW_DEGREES = 0.15  # below this a rotation would blur the page more than it straightens it
DARK_BELOW = 128


def skew_angle(page) -> float:  # noqa: ANN001 - a grey PIL image
    """Return the angle in degrees (counter-clockwise) that straightens ``page``'s lines, 0 when level."""
    from PIL import Image

    scale = min(1.0, SEARCH_WIDTH_PIXELS / max(page.width, 1))
    small = page.resize((max(int(page.width * scale), 1), max(int(page.height * scale), 1)), Image.BILINEAR)
    ink = Image.fromarray(((np.asarray(small) < DARK_BELOW) * 255).astype(np.uint8))
    coarse = _sharpest(ink, _angles(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, COARSE_STEP_DEGREES))
    return _sharpest(
        ink, _angles(coarse - COARSE_STEP_DEGREES, coarse + COARSE_STEP_DEGREES, FINE_STEP_DEGREES)
    )


def _angles(low: float, high: float, step: float) -> list[float]:
    count = int(round((high - low) / step))
    return [round(low + k * step, 3) for k in range(count + 1)]


def _sharpest(ink, angles: list[float]) -> float:  # noqa: ANN001 - a PIL image of the ink
    """Return the angle among ``angles`` at which the ink per row varies most (the smallest on a tie)."""
    from PIL import Image

    best_angle, best_score = 0.0, -1.0
    for angle in sorted(angles, key=abs):
        rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST)).sum(axis=1, dtype=np.float64)
        score = float(rows.var())
        if score > best_score:
            best_angle, best_score = angle, score
    return best_angle


def straightened(page):  # noqa: ANN001, ANN201 - a grey PIL image in and out
    """Return ``page`` rotated level (white where the rotation uncovers the edges), or itself when level."""
    from PIL import Image

    angle = skew_angle(page)
    if abs(angle) < MIN_SKEW_DEGREES:
        return page
    return page.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
