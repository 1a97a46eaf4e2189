"""Running a case's notebooks top to bottom in a fresh kernel and saving their outputs (Restart & Run All)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from argmap.core.atomic import write_all
from argmap.core.errors import ArgmapError

__all__ = ["run_notebooks"]


def run_notebooks(folder: Path, names: list[str] | None = None, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Execute every ``NN-*.ipynb`` in ``folder`` (or those named) in place, in the notebook's folder, with no timing metadata."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    if not folder.is_dir():
        raise ArgmapError(f"{folder}: no notebooks folder (argmap new makes one)")
    paths = sorted(folder.glob("[0-9]*.ipynb")) if not names else [folder / (n if n.endswith(".ipynb") else f"{n}.ipynb") for n in names]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise ArgmapError(f"{missing[0]}: no such notebook")
    done: dict[Path, bytes] = {}
    for path in paths:
        if progress:
            progress(f"running {path}")
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}, record_timing=False)
        try:
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log (e.g. ipykernel's TCP warning) is not ours to print
        except CellExecutionError as e:
            first = _ANSI.sub("", str(e)).strip().splitlines()
            raise ArgmapError(f"{path}: a cell failed: {first[-1] if first else e}") from None
        except DeadKernelError as e:
            raise ArgmapError(f"{path}: the notebook's kernel died ({_ANSI.sub('', str(e)).strip() or 'no message'})") from None
        text = nbformat.writes(nb)
        done[path] = (text if text.endswith("\n") else text + "\n").encode("utf-8")  # as nbformat.write saves it
    write_all(done)  # every notebook saved, or (when one fails) none: the folder is left as it was
    return list(done)


#: The colour codes of IPython's tracebacks.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
