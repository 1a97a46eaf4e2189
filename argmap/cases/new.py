"""``argmap new``: a case folder for a new article, with nothing invented in it."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from argmap.cases.article import Article, detect_front_matter, read_article
from argmap.cases.notebooks import NOTEBOOKS, notebook_json
from argmap.core.dates import date_problem
from argmap.core.errors import ArgmapError, UsageError
from argmap.core.schema import schema

__all__ = ["NewCase", "new_case", "plan_case"]


@dataclass(frozen=True)
class NewCase:
    """What ``argmap new`` writes: the article, its metadata and the numbered body paragraphs it will use."""

    folder: Path
    article: Article
    slug: str
    meta: dict
    front_matter: int

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return self.article.blocks[self.front_matter :]

    def summary(self, width: int = 100) -> str:
        """The front matter and the numbered paragraphs, one line each, shortened to ``width`` characters."""

        def short(text: str) -> str:
            one = " ".join(text.split())
            return one if len(one) <= width else one[: width - 1] + "…"

        lines = [f"front matter (not numbered): {short(b)}" for b in self.article.blocks[: self.front_matter]]
        lines += [f"¶{i}: {short(p)}" for i, p in enumerate(self.paragraphs, 1)]
        return "\n".join(lines)


def _slug(name: str) -> str:
    """A file name from the article's name: lower case letters, digits and hyphens.

    >>> _slug("The Case for Lanes (draft)")
    'the-case-for-lanes-draft'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "article"


def plan_case(
    article: str | Path,
    folder: str | Path,
    *,
    title: str | None = None,
    author: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    front_matter: int | None = None,
) -> NewCase:
    """Read the article and decide the case's metadata and front matter, without writing anything."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: already exists and is not an empty folder; argmap new never overwrites a case (choose a new folder)")
    art = read_article(article)
    n = detect_front_matter(art.blocks) if front_matter is None else front_matter
    if not 0 <= n < len(art.blocks):
        raise UsageError(f"--front-matter {n}: the article has {len(art.blocks)} blocks, so it must be from 0 to {len(art.blocks) - 1}")
    if date is not None and (bad := date_problem(date, "iso-partial")):
        raise UsageError(f"--date: {bad}")
    meta: dict = {"title": title or (art.blocks[0].lstrip("#").strip() if n else art.path.stem.replace("-", " ").replace("_", " "))}
    if author:
        meta["author"] = author
    if outlet:
        meta["outlet"] = outlet
    if date:
        meta["published"] = date
    meta["front_matter_blocks"] = n
    meta["note"] = f"Reproduced for analysis and teaching. The first {n} block(s) are front matter; body paragraphs are numbered from 1 after them."
    return NewCase(folder, art, _slug(art.path.stem), meta, n)


def _claims_header() -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(schema("claims").usual)
    return out.getvalue()


def _datapackage(case: NewCase) -> str:
    claims_schema = json.loads(resources.files("argmap").joinpath("schemas", "claims.json").read_text(encoding="utf-8"))
    package = {
        "name": f"argmap-{case.slug}",
        "title": f'Argument map of "{case.meta["title"]}"',
        "description": "The author's claims, evidence, predictions and recommendations, one row per node, each tied to a verbatim quote of the text; "
        "rows added by the analyst are marked as such.",
        "resources": [
            {
                "name": "claims",
                "path": "claims.csv",
                "format": "csv",
                "encoding": "utf-8",
                "description": "One row per node of the argument map.",
                "schema": claims_schema,
            },
            {"name": "source", "path": f"sources/{case.slug}.txt", "format": "txt", "encoding": "utf-8", "description": "The text the map quotes."},
        ],
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def _readme(case: NewCase) -> str:
    title = case.meta["title"]
    return f"""# {title}: an argument map

A case folder made by `argmap new`. The text is in `sources/{case.slug}.txt`; its body paragraphs are numbered
from 1 after {case.front_matter} block(s) of front matter (`front_matter_blocks` in `sources/{case.slug}.json`).

## How to go on

1. `argmap draft --case .` lists every sentence with its paragraph and a suggested row type. It is a mapping aid,
   not an oracle: the reading is yours, and nothing is written into `claims.csv` for you.
2. Add rows to `claims.csv` (a spreadsheet is fine; save as CSV UTF-8): an `id`, a `type`, a short `text`, the
   verbatim `quote` and its `paragraph`, the `parent` it bears on and the `relation` (supports, attacks, undercuts),
   and `origin` (`article` for the author's words, `analyst` for what you add).
3. `argmap validate --case .` checks every quote against the text; `argmap render --case .` draws `figures/`.
4. `argmap notebooks --case .` runs the notebooks in `notebooks/` on the map (start here, the article annotated,
   the whole map, evaluating the argument, a classroom guide).

## Paragraphs

{case.summary()}
"""


def new_case(case: NewCase) -> list[Path]:
    """Write the case folder (all or nothing: it is built beside the target and renamed into place); the files written."""
    folder = case.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: already exists and is not an empty folder; argmap new never overwrites a case")
    folder.parent.mkdir(parents=True, exist_ok=True)
    files = {
        Path("sources") / f"{case.slug}.txt": case.article.text,
        Path("sources") / f"{case.slug}.json": json.dumps(case.meta, indent=2, ensure_ascii=False) + "\n",
        Path("claims.csv"): _claims_header(),
        Path("datapackage.json"): _datapackage(case),
        Path("README.md"): _readme(case),
    }
    for name in NOTEBOOKS:
        files[Path("notebooks") / f"{name}.ipynb"] = notebook_json(name)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for rel, text in files.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_text(text, encoding="utf-8", newline="")
        if folder.exists():
            folder.rmdir()
        tmp.rename(folder)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ArgmapError(f"{folder}: cannot write the case ({e.strerror or e})") from None
    return [folder / rel for rel in files]
