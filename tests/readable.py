"""Measure, in the browser, whether a drawn view can be read: label boxes that overlap, nodes outside the window.

Label boxes are vis-network's own (``labelModule.size``, in canvas units), computed for every node at
zoom 1 (vis-network lays out labels only for the nodes it draws, and skips labels too small to read),
so an overlap found here is one that shows at any zoom where both labels are drawn. Whether the whole
graph is in the window is judged at the zoom the page opens with.
"""

from __future__ import annotations

from dataclasses import dataclass

from .components import component_missing

# Returns {scale, overlaps: [[id, id] ...], crowded: [[id, id] ...], outside: [id ...], labels, width, height}
MEASURE_JS = """
() => {
  // sweep by left edge: the pairs of boxes that share more than a pixel both ways
  const overlapping = (boxes) => {
    boxes.sort((p, q) => p.l - q.l);
    const pairs = [];
    for (let i = 0; i < boxes.length; i++) {
      const p = boxes[i];
      for (let j = i + 1; j < boxes.length && boxes[j].l < p.r - 1; j++) {
        const q = boxes[j];
        if (Math.min(p.b, q.b) - Math.max(p.t, q.t) > 1 && Math.min(p.r, q.r) - Math.max(p.l, q.l) > 1)
          pairs.push([p.id, q.id]);
      }
    }
    return pairs;
  };
  const network = window.policykgView.network;
  const body = network.body;
  const ctx = network.canvas.getContext();
  const ids = body.nodeIndices.slice();
  const scale = network.getScale();
  const container = network.body.container;
  const width = container.clientWidth, height = container.clientHeight;
  const outside = [];
  for (const id of ids) {
    const node = body.nodes[id];
    node.updateBoundingBox(ctx);
    const box = node.shape.boundingBox;
    const a = network.canvasToDOM({ x: box.left, y: box.top });
    const b = network.canvasToDOM({ x: box.right, y: box.bottom });
    if (a.x < -1 || a.y < -1 || b.x > width + 1 || b.y > height + 1) outside.push(id);
  }
  // lay every label out at zoom 1 (drawing off-screen nodes onto the canvas is harmless: redrawn below)
  const view = body.view;
  const kept = { scale: view.scale, translation: Object.assign({}, view.translation) };
  view.scale = 1;
  const boxes = [], shapes = [];
  for (const id of ids) {
    const node = body.nodes[id];
    ctx.save();
    const drawn = node.draw(ctx);  // shapes with the label outside return a callback drawing it
    if (drawn.drawExternalLabel) drawn.drawExternalLabel();
    ctx.restore();
    const n = node.shape.boundingBox;  // the shape with its label
    shapes.push({ id: id, l: n.left, t: n.top, r: n.right, b: n.bottom });
    const s = node.labelModule.size;
    if (node.options.label && s.width > 0) boxes.push({ id: id, l: s.left, t: s.top, r: s.left + s.width, b: s.top + s.height });
  }
  view.scale = kept.scale;
  view.translation = kept.translation;
  network.redraw();
  return {
    scale: scale, overlaps: overlapping(boxes), crowded: overlapping(shapes), outside: outside,
    labels: boxes.length, width: width, height: height
  };
}
"""


@dataclass(frozen=True)
class Readability:
    """What a reader meets at the page's first zoom."""

    nodes: int
    labels: int
    overlaps: list[tuple[str, str]]  # pairs of labels
    crowded: list[tuple[str, str]]  # pairs of nodes whose shapes-with-labels overlap
    outside: list[str]
    scale: float  # the zoom the page opens at: a label of font size f is drawn f × scale pixels high


def measure(page) -> Readability:  # noqa: ANN001
    """Return the label overlaps and the nodes outside the window of the view open in ``page``."""
    page.wait_for_function("window.policykgView && window.policykgView.drawn !== null", timeout=60000)
    found = page.evaluate(MEASURE_JS)
    return Readability(
        nodes=page.evaluate("window.policykgView.nodes"),
        labels=found["labels"],
        overlaps=[tuple(p) for p in found["overlaps"]],
        crowded=[tuple(p) for p in found["crowded"]],
        outside=found["outside"],
        scale=found["scale"],
    )


def require_cjk_font() -> None:
    """Skip (or, in CI, fail) when no font draws Chinese: labels would be measured as empty boxes."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    found = fc_list and subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True).stdout.strip()
    if not found:
        component_missing("no Chinese font is installed (.ci/run installs fonts-wqy-microhei)")
