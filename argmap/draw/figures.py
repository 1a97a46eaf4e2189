"""Which figures a map gets (the whole map and its main branches), and writing them all or none."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from argmap.core.model import ArgumentMap
from argmap.draw.render import FORMATS, render_dot, write_if_changed

__all__ = ["plan_figures", "write_figures"]


def plan_figures(amap: ArgumentMap, root: str | None = None, depth: int | None = None) -> dict[str, str]:
    """Figure name → DOT text: ``map`` and ``branch-ID`` for each main branch, or just the one asked for."""
    if root is not None:
        suffix = f"-depth{depth}" if depth is not None else ""
        return {f"branch-{root}{suffix}": amap.to_dot(root, depth)}
    if depth is not None:
        return {f"map-depth{depth}": amap.to_dot(None, depth)}
    figures = {"map": amap.to_dot()}
    for b in amap.branches():
        figures[f"branch-{b}"] = amap.to_dot(b)
    return figures


def write_figures(figures: dict[str, str], folder: Path, formats: Sequence[str], *, progress: bool = False, prune: bool = False) -> tuple[int, int]:
    """Render every figure in memory first, then write the changed files; returns (written, unchanged).

    With ``prune``, ``branch-*`` files of these formats that no longer belong to the map are removed.
    """
    rendered: dict[Path, bytes] = {}
    total = len(figures)
    for i, (name, dot) in enumerate(figures.items(), 1):
        if progress and total > 1 and sys.stderr.isatty():
            print(f"\rrendering {i}/{total}: {name:<40}", end="" if i < total else "\n", file=sys.stderr, flush=True)
        for fmt, data in render_dot(dot, formats).items():
            rendered[folder / f"{name}.{fmt}"] = data
    written = sum(write_if_changed(path, data) for path, data in rendered.items())
    if prune and folder.is_dir():
        for fmt in formats:
            if fmt in FORMATS:
                for stale in folder.glob(f"branch-*.{fmt}"):
                    if stale not in rendered:
                        stale.unlink()
    return written, len(rendered) - written
