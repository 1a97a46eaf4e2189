"""The generic notebooks of a case: the same analysis on any article's map, the case folder given in the first cell.

Each notebook's first code cell is papermill's ``parameters`` cell (``case = ".."``: the folder holding
``claims.csv``, relative to the notebook), so ``papermill -p case DIR`` or ``argmap notebooks --case DIR`` runs it
on another case.
"""

from __future__ import annotations

import json

__all__ = ["NOTEBOOKS", "notebook_json"]

_LOAD = """import argmap
from pathlib import Path

amap = argmap.load(Path(case) / "claims.csv")
source = amap.source
print(amap)"""

#: name → cells, each ("markdown" | "code", text); the first code cell after the title is the parameters cell.
NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "10-start-here": [
        (
            "markdown",
            "# 10 · Start here\n\nThis folder holds an argument map of one text: every row of `claims.csv` is a claim, a piece of evidence, "
            "a prediction or a recommendation, tied to the **verbatim words** and paragraph it comes from. Rows added by the analyst "
            "(assumptions the argument needs, objections a careful reader might raise) quote nothing and are marked `analyst`.",
        ),
        ("code", _LOAD),
        ("markdown", "## What the text is\n\nWho wrote it, where and when, as its metadata records it."),
        ("code", "from argmap.analysis.reading import legend_html, source_card\n\nsource_card(amap)"),
        (
            "markdown",
            "## How to read a map\n\nEach box is one row; its shape and colour tell its type, and an arrow points from a reason to what it "
            "bears on. A dashed border marks the analyst's rows.",
        ),
        ("code", "legend_html()"),
        ("code", 'import pandas as pd\n\ncounts = amap.frame.groupby(["type", "origin"]).size().unstack(fill_value=0)\ncounts'),
        (
            "markdown",
            "## The notebooks\n\n- **20 · The article**: the text with every quoted span marked.\n- **30 · The whole map**: the map and its structure.\n"
            "- **60 · Evaluating the argument**: unsupported claims, hedges, schemes and critical questions, what stands and what falls.\n"
            "- **80 · Classroom guide**: questions for a lesson on this text.",
        ),
    ],
    "20-the-article": [
        ("markdown", "# 20 · The article\n\nThe text as the map reads it: body paragraphs numbered from 1, each quoted span marked by its row's type."),
        ("code", _LOAD),
        ("code", "from argmap.analysis.reading import annotated_html\n\nannotated_html(amap)"),
        ("markdown", "## Rows per paragraph\n\nHow the map's rows spread over the text."),
        (
            "code",
            "import pandas as pd\n\nfrom argmap.analysis.tables import rows_per_paragraph, unquoted_sentences\n\n"
            "pd.options.display.max_colwidth = None\nrows_per_paragraph(amap)",
        ),
        ("markdown", "## Sentences no row quotes\n\nCandidates for rows the map may still be missing (or sentences that carry no argument)."),
        ("code", "unquoted_sentences(amap)"),
    ],
    "30-the-whole-map": [
        ("markdown", "# 30 · The whole map\n\nEvery row, drawn from `claims.csv`: hover a box for its verbatim quote."),
        ("code", _LOAD),
        ("code", "argmap.show(amap)"),
        ("markdown", "## Structure\n\nRows by type and by who added them, and how deep the chains of reasons go."),
        ("code", "from argmap.analysis import structure\n\ncounts = structure.structure_counts(amap)\ncounts.by_type"),
        ("code", "counts.by_depth"),
        ("code", "structure.branch_summary(amap)"),
    ],
    "60-evaluating-the-argument": [
        (
            "markdown",
            "# 60 · Evaluating the argument\n\nWhere the argument rests on evidence and where it does not, how the author hedges, "
            "which kinds of inference it uses and what to ask of each, and what stands or falls when objections are accepted.",
        ),
        (
            "code",
            _LOAD + "\n\nimport pandas as pd\nfrom IPython.display import Markdown\n\nfrom argmap.analysis import structure as analysis\n\n"
            "pd.options.display.max_colwidth = None",
        ),
        ("markdown", "## Claims without evidence beneath them"),
        ("code", 'unsupported = analysis.unsupported_claims(amap)\nunsupported[["type", "paragraph", "text", "supported by"]]'),
        (
            "code",
            'claims = [r["id"] for r in amap.rows if r["type"] in analysis.CLAIM_TYPES]\n'
            'Markdown(f"**{len(unsupported)} of the {len(claims)}** theses, claims and predictions have no evidence beneath them.")',
        ),
        ("markdown", "## Hedges\n\nThe author's own words of certainty (`certainty`), row by row."),
        ("code", "analysis.hedges(amap)"),
        ("markdown", "## Schemes and critical questions\n\nThe kind of inference from each row to what it bears on, and the questions each kind invites."),
        ("code", "schemes = analysis.schemes_table(amap)\nschemes"),
        ("code", "analysis.critical_questions(schemes.index)"),
        (
            "markdown",
            "## What stands and what falls\n\nGrounded semantics: a row stands unless an attack on it stands. First with every row as written, "
            "then with the analyst's objections accepted.",
        ),
        ("code", "status = analysis.grounded(amap)\nfill, key = analysis.status_fill(status, amap)\nargmap.show(amap, fill=fill, key=key)"),
        ("code", "analysis.objections_table(amap)"),
        ("code", "analysis.why_out(amap, analysis.objections(amap))"),
    ],
    "80-classroom-guide": [
        (
            "markdown",
            "# 80 · Classroom guide\n\nQuestions for a lesson on this text: the case's own `questions.csv` when it has one, "
            "and for every main branch a question on its reasons and one on what it takes for granted.",
        ),
        ("code", _LOAD + "\n\nimport pandas as pd\n\npd.options.display.max_colwidth = None"),
        (
            "code",
            'bank = Path(case) / "questions.csv"\nif bank.exists():\n    from argmap.classroom.questions import load_questions\n\n'
            '    display(load_questions(bank, amap)[["kind", "minutes", "row_ids", "question"]])\nelse:\n'
            '    print("This case has no questions.csv yet; the questions below come from the map itself.")',
        ),
        (
            "code",
            'rows = []\nfor root in amap.roots():\n    text = amap[root]["text"]\n'
            '    rows.append((root, "comprehension", f"What reasons does the text give for “{text}”? Find them in the article."))\n'
            '    rows.append((root, "evaluation", f"What must be true for those reasons to support “{text}”? Is it stated?"))\n'
            'pd.DataFrame(rows, columns=["branch", "kind", "question"])',
        ),
        (
            "markdown",
            "## Exercise\n\nIn groups: add one objection and one missing assumption to a branch, in a copy of `claims.csv` with your "
            "group's name as `origin`, then check it with `argmap validate --with YOUR-FILE.csv`.",
        ),
    ],
}


def notebook_json(name: str) -> str:
    """Notebook ``name`` as nbformat 4 JSON, without outputs; its first code cell is tagged ``parameters``."""
    cells = []
    code_seen = False
    params = {"cell_type": "code", "execution_count": None, "id": f"{name[:2]}-parameters", "metadata": {"tags": ["parameters"]}, "outputs": [],
              "source": ["case = \"..\"  # the case folder (it holds claims.csv), relative to this notebook"]}  # fmt: skip
    for i, (kind, text) in enumerate(NOTEBOOKS[name]):
        if kind == "code" and not code_seen:
            cells.append(params)
            code_seen = True
        cell: dict = {"cell_type": kind, "id": f"{name[:2]}-{i:02d}", "metadata": {}, "source": text.splitlines(keepends=True)}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    nb = {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}, "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
