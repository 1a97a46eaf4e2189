"""Running a case's notebooks top to bottom in a fresh kernel and saving their outputs (Restart & Run All)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from argmap.core.errors import ArgmapError

__all__ = ["run_notebooks"]


def run_notebooks(folder: Path, names: list[str] | None = None, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Execute every ``NN-*.ipynb`` in ``folder`` (or those named) in place, in the notebook's folder, with no timing metadata."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if not folder.is_dir():
        raise ArgmapError(f"{folder}: no notebooks folder (argmap new makes one)")
    paths = sorted(folder.glob("[0-9]*.ipynb")) if not names else [folder / (n if n.endswith(".ipynb") else f"{n}.ipynb") for n in names]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise ArgmapError(f"{missing[0]}: no such notebook")
    done = []
    for path in paths:
        if progress:
            progress(f"running {path}")
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}, record_timing=False)
        try:
            client.execute()
        except CellExecutionError as e:
            first = str(e).strip().splitlines()
            raise ArgmapError(f"{path}: a cell failed: {first[-1] if first else e}") from None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.chmod(tmp, path.stat().st_mode & 0o777)  # keep the notebook's permissions (mkstemp makes 0600)
        os.replace(tmp, path)
        done.append(path)
    return done
