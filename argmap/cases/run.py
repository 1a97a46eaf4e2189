"""Running a case's notebooks top to bottom in a fresh kernel and saving their outputs (Restart & Run All).

Each notebook has a kernel of its own, as Restart & Run All gives it; the kernels run side by side, one per core by
default, so a case's five notebooks take about the time of the slowest two or three.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from argmap.core.atomic import write_all
from argmap.core.errors import ArgmapError

__all__ = ["run_notebooks"]


def run_notebooks(folder: Path, names: list[str] | None = None, progress: Callable[[str], None] | None = None, jobs: int | None = None) -> list[Path]:
    """Execute every ``NN-*.ipynb`` in ``folder`` (or those named) in place, in the notebook's folder, with no timing metadata.

    Up to ``jobs`` kernels run at once (default: the number of cores). Every notebook is saved, or, when one fails, none.
    """
    if not folder.is_dir():
        raise ArgmapError(f"{folder}: no notebooks folder (argmap new makes one)")
    paths = sorted(folder.glob("[0-9]*.ipynb")) if not names else [folder / (n if n.endswith(".ipynb") else f"{n}.ipynb") for n in names]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise ArgmapError(f"{missing[0]}: no such notebook")
    if jobs is not None and jobs < 1:
        raise ArgmapError(f"--jobs {jobs}: give 1 or more")
    workers = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    done = asyncio.run(_run_all(paths, workers, progress))
    write_all(done)  # every notebook saved, or (when one fails) none: the folder is left as it was
    return list(done)


async def _run_all(paths: list[Path], workers: int, progress: Callable[[str], None] | None) -> dict[Path, bytes]:
    """Each notebook's saved bytes, in the order of ``paths``. After a failure no other notebook is started (those
    running finish, so that every kernel is shut down), and the first failure in the order of ``paths`` is raised."""
    gate = asyncio.Semaphore(workers)
    failed = False

    async def one(path: Path) -> bytes | Exception | None:
        nonlocal failed
        async with gate:
            if failed:
                return None
            if progress:
                progress(f"running {path}")
            try:
                return await _run_one(path)
            except Exception as e:  # kept as the result, told once every kernel is down
                failed = True
                return e

    saved = await asyncio.gather(*(one(p) for p in paths))
    for result in saved:
        if isinstance(result, Exception):
            raise result
    return {p: r for p, r in zip(paths, saved, strict=True) if isinstance(r, bytes)}


async def _run_one(path: Path) -> bytes:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}, record_timing=False)
    try:
        await client.async_execute(stderr=subprocess.DEVNULL)  # the kernel's own log (e.g. ipykernel's TCP warning) is not ours to print
    except CellExecutionError as e:
        first = _ANSI.sub("", str(e)).strip().splitlines()
        raise ArgmapError(f"{path}: a cell failed: {first[-1] if first else e}") from None
    except DeadKernelError as e:
        raise ArgmapError(f"{path}: the notebook's kernel died ({_ANSI.sub('', str(e)).strip() or 'no message'})") from None
    text = nbformat.writes(nb)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")  # as nbformat.write saves it


#: The colour codes of IPython's tracebacks.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
