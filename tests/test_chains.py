"""Support chains counted in one pass (core.chains.support_summary) agree with walking every chain, on any map."""

from __future__ import annotations

from hypothesis import given, settings
from interop_maps import maps

from argmap.core import chains
from argmap.core.model import ArgumentMap


def _walked(amap: ArgumentMap, i: str) -> tuple[list[str], int]:
    paths = chains.paths_to_evidence(amap, i)
    found = {amap.statement_of(p[-1]) for p in paths}
    return [s for s in amap.statements() if s in found], len(paths)


@settings(max_examples=150, deadline=None)
@given(rows=maps(max_rows=9, restate=True, words=False))  # chains read ids, types, parents, relations and same_as only
def test_counted_chains_equal_walked_chains(rows):
    amap = ArgumentMap(rows)
    for i in amap.ids:
        assert (amap.evidence_beneath(i), amap.count_paths_to_evidence(i)) == _walked(amap, i), i


def _row(id_: str, type_: str, parent: str = "", same_as: str = "") -> dict[str, str]:
    return {"id": id_, "type": type_, "parent": parent, "relation": "supports" if parent else "", "same_as": same_as, "text": id_}


def test_a_loop_through_a_restatement_falls_back_to_the_walk():
    """E supports C, and C (restated) supports E: the walk from E never passes E twice, so it finds no chain."""
    amap = ArgumentMap([_row("E", "evidence"), _row("C", "claim", "E"), _row("E.r1", "", "C", same_as="E")])
    assert amap.support_summary is None
    assert amap.count_paths_to_evidence("E") == 0 and amap.evidence_beneath("C") == ["E"]


def test_a_deep_chain_is_counted_in_one_pass():
    """A 3,000-deep chain: every claim reaches the one evidence row by one chain (the walk per claim was quadratic)."""
    rows = [_row("C0", "thesis")] + [_row(f"C{n}", "claim", f"C{n - 1}") for n in range(1, 3000)] + [_row("E", "evidence", "C2999")]
    amap = ArgumentMap(rows)
    assert amap.support_summary is not None
    assert all(amap.count_paths_to_evidence(f"C{n}") == 1 and amap.evidence_beneath(f"C{n}") == ["E"] for n in range(3000))
