"""Determinism: a notebook re-run from scratch, pictures included, gives the committed file byte for byte."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.mark.kernel
def test_rerunning_a_notebook_reproduces_every_output_byte_for_byte():
    # 30 has the widest range of outputs: an inline SVG map, matplotlib PNGs, tables and text
    path = NOTEBOOKS / "30-the-whole-map.ipynb"
    nb = nbformat.read(path, as_version=4)
    # the outputs are in `nb` once the last cell has run: the kernel is then killed, not asked to exit (a graceful exit
    # tears down pandas and matplotlib in the kernel, 0.25-0.3 s of its 2.9 s CPU), as nbval ends its kernels
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", record_timing=False, shutdown_kernel="immediate", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    assert nbformat.writes(nb) + "\n" == path.read_text(encoding="utf-8")
