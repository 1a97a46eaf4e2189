"""Determinism: a notebook re-run from scratch, pictures included, gives the committed file byte for byte."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def test_rerunning_a_notebook_reproduces_every_output_byte_for_byte():
    # 30 has the widest range of outputs: an inline SVG map, matplotlib PNGs, tables and text
    path = NOTEBOOKS / "30-the-whole-map.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    assert nbformat.writes(nb) + "\n" == path.read_text(encoding="utf-8")
