"""Links between documents of different levels: which lower measure implements which superior one."""

from __future__ import annotations

from policykg.graph.links.engine import LinkReport, link_documents

__all__ = ["LinkReport", "link_documents"]
