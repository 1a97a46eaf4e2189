"""What a map holds, counted: statements by type and origin, by depth, evidence beneath each claim, rows per paragraph.

The charts (:mod:`argmap.draw.charts`) draw these counts and the analysis tables (:mod:`argmap.analysis.structure`)
show them; both read them from here. A restatement (``same_as``) is never counted again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from argmap.core.model import ArgumentMap
from argmap.core.schema import schema

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLAIM_TYPES",
    "Structure",
    "depth_counts",
    "evidence_counts",
    "paragraph_counts",
    "statements_of_type",
    "structure_counts",
    "type_counts",
]

#: Row types that assert something that evidence could back.
CLAIM_TYPES: tuple[str, ...] = ("thesis", "claim", "prediction")


class Structure(NamedTuple):
    """Counts that describe the shape of a map."""

    by_type: pd.DataFrame
    by_depth: pd.DataFrame
    evidence: pd.DataFrame
    by_paragraph: pd.DataFrame


def statements_of_type(amap: ArgumentMap, types: Iterable[str]) -> list[str]:
    """Statements (original rows) of ``types``, in file order: a restated claim is counted once.

    >>> m = ArgumentMap([{"id": "T", "type": "thesis", "parent": ""}, {"id": "C", "type": "claim", "parent": "T"},
    ...                  {"id": "C.r1", "type": "", "parent": "T", "same_as": "C"}])
    >>> statements_of_type(m, CLAIM_TYPES)
    ['T', 'C']
    """
    keep = set(types)
    return [i for i in amap.statements() if amap[i].get("type") in keep]


def _statements(amap: ArgumentMap, depth: bool = False) -> pd.DataFrame:
    """The statements' rows (no restatement), their type a category in the schema's order; with ``depth``, their depth."""
    import pandas as pd

    df = amap.frame.loc[amap.statements()].copy()
    order = schema("claims").field("type").enum or ()
    types = [t for t in order if t in set(df["type"])] + sorted(set(df["type"]) - set(order))
    df["type"] = pd.Categorical(df["type"], categories=types)
    if depth:
        df["depth"] = [amap.depth(i) for i in df.index]
    return df


def _by_type(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return pd.crosstab(df["type"], df["origin"], margins=True, margins_name="total", dropna=False)


def _by_depth(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return pd.crosstab(df["depth"], df["type"], margins=True, margins_name="total", dropna=False)


def _evidence(amap: ArgumentMap) -> pd.DataFrame:
    import pandas as pd

    claims = statements_of_type(amap, (*CLAIM_TYPES, "recommendation"))
    return pd.DataFrame(
        {
            "type": [amap[i]["type"] for i in claims],
            "depth": [amap.depth(i) for i in claims],
            "evidence": [len(amap.evidence_beneath(i)) for i in claims],
            "paths": [amap.count_paths_to_evidence(i) for i in claims],
        },
        index=pd.Index(claims),
    )


def _by_paragraph(amap: ArgumentMap, df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    art = df[df["paragraph"].notna()]
    n = len(amap.source.paragraphs) if amap.source is not None else (int(art["paragraph"].max()) if len(art) else 0)
    by_paragraph = pd.crosstab(art["paragraph"].astype(int), art["type"], dropna=False).reindex(range(1, n + 1), fill_value=0)
    by_paragraph = by_paragraph.loc[:, by_paragraph.sum() > 0]
    by_paragraph.index.name = "paragraph"
    by_paragraph["total"] = by_paragraph.sum(axis=1)
    return by_paragraph


def structure_counts(amap: ArgumentMap) -> Structure:
    """Statements by type and origin, by depth and type, evidence beneath each claim-like statement, and article rows
    per paragraph; a restatement (``same_as``) is not counted again. Types come in the schema's order."""
    df = _statements(amap, depth=True)
    return Structure(_by_type(df), _by_depth(df), _evidence(amap), _by_paragraph(amap, df))


def type_counts(amap: ArgumentMap) -> pd.DataFrame:
    """``structure_counts(amap).by_type`` alone (a chart needs one table, not all four)."""
    return _by_type(_statements(amap))


def depth_counts(amap: ArgumentMap) -> pd.DataFrame:
    """``structure_counts(amap).by_depth`` alone."""
    return _by_depth(_statements(amap, depth=True))


def evidence_counts(amap: ArgumentMap) -> pd.DataFrame:
    """``structure_counts(amap).evidence`` alone."""
    return _evidence(amap)


def paragraph_counts(amap: ArgumentMap) -> pd.DataFrame:
    """``structure_counts(amap).by_paragraph`` alone."""
    return _by_paragraph(amap, _statements(amap))
