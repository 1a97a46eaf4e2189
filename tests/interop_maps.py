"""Hypothesis strategies for valid claims maps (any tree, groups, undercuts, awkward text), and the Argdown CLI runner."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import strategies as st

from argmap import ArgumentMap, schema

ROOT = Path(__file__).resolve().parents[1]
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"
NAMES = schema("claims").names
TYPES = schema("claims").field("type").enum
SCHEMES = schema("claims").field("scheme").enum

# any text a spreadsheet cell can hold: every plane, punctuation that is markup somewhere, line breaks, tabs
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_MARKUP = st.sampled_from(
    list("#*_[]{}<>/\\@.:-+=,;()\"'`|~&\n\r\t ") + ["e.g.", ".A.", ":+1:", "===", "--", "<!--", "//", "/*", "} x", "a_b", "U.S.", "http://x.y"]
)
TEXT = st.lists(st.one_of(st.text(_CHARS, min_size=1, max_size=6), _MARKUP), min_size=1, max_size=6).map("".join).filter(str.strip)
WORDS = st.text(st.characters(whitelist_categories=("L", "N"), whitelist_characters=" ,.'’–-"), min_size=1, max_size=20)
#: Titles: Argdown's own kind ("Statement 1"), ones Argdown cannot hold as a title (brackets, a leading "-", its
#: generated "Untitled 3"), markup and any one-line text
TITLE = st.one_of(
    st.sampled_from(["Statement 1", "Status quo", "Cost [2024]", "-x", "Untitled 3", "a <b>", "é: “q” #t {d}", "x  y"]),
    st.lists(st.one_of(st.text(_CHARS, min_size=1, max_size=6), _MARKUP), min_size=1, max_size=4)
    .map(lambda parts: " ".join("".join(parts).split()))
    .filter(bool),
)
ID = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,5}", fullmatch=True).filter(
    lambda s: not s.startswith("a_") and s.rstrip("0123456789") not in ("node", "edge", "graph", "clust")
)


# The strategies maps() draws from, made once: a strategy made anew at each draw is validated anew each time, a
# third of the cost of an example; the same strategies give the same draws.
_TYPE = st.sampled_from(TYPES)
_ORIGIN = st.sampled_from(["article", "analyst", "class-a"])
_SCHEME = st.sampled_from(("",) + tuple(SCHEMES))
_MAYBE_WORDS = st.one_of(st.just(""), WORDS)
_DATE = st.sampled_from(["", "2024", "2023-10", "2024-02-29"])
_URL = st.sampled_from(["", "https://example.org/a?b=1&c=“d”"])
_PARAGRAPH = st.integers(1, 40)
_RELATION = {False: st.sampled_from(["supports", "attacks"]), True: st.sampled_from(["supports", "attacks", "undercuts"])}


@functools.cache
def _upto(n: int) -> st.SearchStrategy[int]:
    """``st.integers(0, n)``, one strategy per bound."""
    return st.integers(0, n)


@st.composite
def maps(draw: st.DrawFn, max_rows: int = 9, restate: bool = False, words: bool = True) -> list[dict[str, str]]:
    """Rows of a valid map (as ``argmap.core.validate`` would pass it without a source), in a shuffled file order;
    with ``restate``, some statements also bear on a second row (``same_as``). Without ``words``, only the shape:
    ids, types, parents, relations and groups, each text its id and each origin the analyst (for tests of what
    reads the shape alone: drawing the words is most of the cost of an example)."""
    ids = draw(st.lists(ID, min_size=1, max_size=max_rows, unique_by=str.lower))  # ids differing only in case are refused
    rows: list[dict[str, str]] = []
    for i, id_ in enumerate(ids):
        row = dict.fromkeys(NAMES, "")
        row.update(id=id_, type=draw(_TYPE), text=draw(TEXT) if words else id_)
        if i and draw(_upto(4)):  # mostly trees, sometimes a second root
            parent = rows[draw(_upto(i - 1))]
            row.update(parent=parent["id"], relation=draw(_RELATION[bool(parent["parent"])]))  # undercuts under a reason
            if draw(st.booleans()):
                row["group"] = f"g{parent['id']}{row['relation'][0]}"  # one group per parent and relation
            if words:
                row["scheme"] = draw(_SCHEME)
        if not words:
            rows.append(row | {"origin": "analyst"})
            continue
        row["origin"] = draw(_ORIGIN)
        if row["origin"] == "article":
            row.update(quote=draw(TEXT), paragraph=str(draw(_PARAGRAPH)))
        for col in ("actor", "certainty"):
            row[col] = draw(_MAYBE_WORDS)
        row["date"] = draw(_DATE)
        row["source_url"] = draw(_URL)
        if draw(_upto(2)) == 0:
            row["title"] = draw(st.one_of(TITLE, st.sampled_from(ids)))  # sometimes another row's id, or a title used twice
        rows.append(row)
    if restate:
        _restatements(draw, rows, words)
    return draw(st.permutations(rows))


def _restatements(draw: st.DrawFn, rows: list[dict[str, str]], words: bool = True) -> None:
    """Add up to three restatements (``same_as``): a statement as a premise of a second conclusion, a statement
    attacking one of its own reasons (two statements attacking each other), co-premises, an undercut of one."""
    originals = list(rows)
    for n in range(draw(_upto(3))):
        target = originals[draw(_upto(len(originals) - 1))]
        stmt = {r["id"]: r.get("same_as") or r["id"] for r in rows}
        mine = [r for r in rows if stmt[r["id"]] == target["id"] and r["parent"]]
        already = {stmt[r["parent"]] for r in mine}  # one inference per pair
        # co-premises make one reason with one inference: undercutting one of them undercuts them all
        undercut = {g for r in mine if r["relation"] == "undercuts" and (g := next(p["group"] for p in rows if p["id"] == r["parent"]))}
        parents = [r for r in rows if stmt[r["id"]] != target["id"] and stmt[r["id"]] not in already]
        if not parents:
            return
        parent = parents[draw(_upto(len(parents) - 1))]
        relation = draw(_RELATION[bool(parent["parent"])])
        if relation == "undercuts" and parent["group"] in undercut:
            relation = "attacks"  # the statement already undercuts this reason's inference, through another co-premise
        row = dict.fromkeys(NAMES, "")
        row.update(id=f"{target['id']}.r{n + 1}", same_as=target["id"], parent=parent["id"], relation=relation)
        row["origin"] = draw(_ORIGIN)
        if draw(st.booleans()):
            row["group"] = f"g{parent['id']}{row['relation'][0]}"
        if words:
            row["note"] = draw(_MAYBE_WORDS)
        rows.append(row)


def as_map(rows: Sequence[dict[str, str]]) -> ArgumentMap:
    return ArgumentMap(rows)


def by_id(rows: Sequence[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Rows keyed by id with every column, and each row's children in order (what a tree format keeps)."""
    out = {r["id"]: {n: r.get(n, "") for n in NAMES} for r in rows}
    for r in rows:
        if r.get("parent"):
            out[r["parent"]].setdefault("children", []).append(r["id"])  # type: ignore[arg-type]
    return out


def by_id_unordered(rows: Sequence[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Rows keyed by id with every column (file order and sibling order aside)."""
    return {r["id"]: {n: r.get(n, "") for n in NAMES} for r in rows}


def argdown_json(folder: Path, texts: dict[str, str], *, with_map: bool = True) -> dict[str, dict]:
    """Run the pinned Argdown CLI on each ``name → Argdown text`` and return ``name → its JSON export``.

    One CLI process for all files; with ``with_map`` the JSON also holds the map (nodes and edges).
    Skips, saying why, only when node or npm is missing; fails when they are there but the CLI is not.
    """
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed, so the Argdown CLI (@argdown/cli, package.json) cannot run")
    assert ARGDOWN.exists(), "the Argdown CLI is not installed: run `make setup` (or `npm ci --no-audit --no-fund`)"
    src, out = folder / "argdown-in", folder / "argdown-out"
    src.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (src / f"{name}.argdown").write_text(text, encoding="utf-8")
    args = ["json", str(src / "*.argdown"), str(out)]
    if with_map:  # `argdown json` leaves the map out; the predefined export-json process builds it
        config = {"inputPath": str(src / "*.argdown"), "saveAs": {"outputDir": str(out)}, "logLevel": "warning"}
        config["selection"] = {"statementSelectionMode": "all", "excludeDisconnected": False}
        (folder / "map.config.json").write_text(json.dumps(config), encoding="utf-8")
        args = ["run", "export-json", "--config", "map.config.json"]
    result = subprocess.run([str(ARGDOWN), *args], cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [ln for ln in (result.stdout + result.stderr).splitlines() if "error" in ln.lower()]
    assert not problems, "\n".join(problems)
    return {name: json.loads((out / f"{name}.json").read_text(encoding="utf-8")) for name in texts}


#: Argdown titles: valid ids, Argdown's usual spaced titles, accents and punctuation (no brackets: they end a title)
ARGDOWN_TITLE = st.one_of(
    ID,
    st.from_regex(r"[A-Z][a-z]{1,6}( [a-z0-9]{1,5}){1,2}", fullmatch=True),
    st.sampled_from(["Statement 1", "Status quo", "Coût élevé", "e.g. this: that", "Zürich’s count", "1,200 a day", "A → B"]),
)

#: What argdown_maps draws from, made once (as for maps())
_STATEMENT_TEXT = st.one_of(st.just(""), WORDS.map(str.strip).filter(lambda w: w and w[0] not in "-'’,."))
_KIND = st.sampled_from(["<+", "<-", "<+", "arg", "><"])
_AGAIN = st.sampled_from(["<+", "<-"])


@st.composite
def argdown_maps(draw: st.DrawFn, max_statements: int = 8) -> tuple[str, list[str]]:
    """Argdown text as people write it, and the titles it uses: statements with titles (some given only by their
    title), support and attack trees, a statement used again in another place (one equivalence class), arguments
    with a premise–conclusion structure under their conclusion, undercuts of their inference, contradictions."""
    titles = draw(st.lists(ARGDOWN_TITLE, min_size=2, max_size=max_statements, unique_by=str.lower))
    types = draw(st.lists(_TYPE, min_size=len(titles), max_size=len(titles)))
    defined: set[str] = set()

    def statement(i: int, arrow: str = "") -> str:
        t, head = titles[i], f"{arrow} " if arrow else ""
        if t in defined:
            return f"{head}[{t}]"  # the same statement again: Argdown's equivalence class
        defined.add(t)
        text = draw(_STATEMENT_TEXT)
        return f"{head}[{t}]: {text} #{types[i]}" if text else f"{head}[{t}] #{types[i]}"

    lines = [statement(0)]
    arguments: list[tuple[str, list[int], int]] = []
    for i in range(1, len(titles)):
        parent = draw(_upto(i - 1))
        kind = draw(_KIND)
        lines += ["", f"[{titles[parent]}]" if titles[parent] in defined else statement(parent)]
        if kind == "arg":
            name = f"Arg {len(arguments) + 1}"
            premises = [i] + ([j] if (j := draw(_upto(i))) not in (i, parent) else [])
            arguments.append((name, premises, parent))
            lines.append(f"  <+ <{name}>")
        else:
            lines.append("  " + statement(i, kind))
        again = draw(_upto(i))
        if again not in (i, parent) and titles[again] in defined and draw(st.booleans()):
            lines.append("  " + statement(again, draw(_AGAIN)))  # used in a second place
    for name, premises, conclusion in arguments:
        lines += ["", f"<{name}>", ""]
        lines += [f"({n}) " + statement(p) for n, p in enumerate(premises, 1)]
        lines += ["----", f"({len(premises) + 1}) [{titles[conclusion]}]"]
        if draw(st.booleans()):
            lines += ["", f"<{name}>", f"  <_ [{name} undercut]: The step does not follow."]
    return "\n".join(lines) + "\n", titles
