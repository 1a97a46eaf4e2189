"""Checks of a claims table as a graph: parents exist and never loop, linked groups share a parent and a relation,
restatements (``same_as``) point at an original of the same type. Each returns :class:`Problem` values with stable codes;
:func:`argmap.core.validate.validate` runs them all.
"""

from __future__ import annotations

from argmap.core.errors import Problem
from argmap.core.table import Table
from argmap.core.text import Hints

__all__ = ["check_groups", "check_same_as", "check_tree", "table_files"]


def table_files(table: Table) -> list[str]:
    """The file each row comes from (several, for a map with overlays)."""
    return table.files if table.files is not None else [table.file] * len(table.rows)


def check_tree(table: Table) -> list[Problem]:
    out: list[Problem] = []
    files = table_files(table)
    parent_of: dict[str, str] = {}
    where: dict[str, tuple[str, int]] = {}
    for row, file, line in zip(table.rows, files, table.lines):
        rid = row["id"]
        if rid and rid not in parent_of:
            parent_of[rid] = row["parent"]
            where[rid] = (file, line)
    hints = Hints(parent_of)
    for row, file, line in zip(table.rows, files, table.lines):
        rid, parent, relation = row["id"], row["parent"], row["relation"]
        if parent == "":
            if relation:
                out.append(
                    Problem(
                        file,
                        line,
                        rid,
                        "relation",
                        f"a root (no parent) has no relation, but this row says '{relation}'; give it a parent or clear the relation",
                        "root-relation",
                    )
                )
            continue
        if parent == rid:
            out.append(Problem(file, line, rid, "parent", "a row cannot be its own parent", "parent-self"))
        elif parent not in parent_of:
            out.append(Problem(file, line, rid, "parent", f"no row has id '{parent}'{hints.hint(parent)}", "parent-missing"))
        elif relation == "undercuts" and parent_of.get(parent, "") == "":
            out.append(
                Problem(file, line, rid, "relation", f"undercuts the inference from '{parent}' to its parent, but '{parent}' is a root", "undercut-root")
            )
        if not relation:
            out.append(
                Problem(file, line, rid, "relation", f"is empty; say how this row bears on '{parent}': supports, attacks or undercuts", "relation-missing")
            )
    out += _cycles(parent_of, where)
    return out


def _cycles(parent_of: dict[str, str], where: dict[str, tuple[str, int]]) -> list[Problem]:
    """One problem per cycle of parent links, named by its members."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    out: list[Problem] = []
    for start in parent_of:
        path: list[str] = []
        node = start
        while node in parent_of and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = parent_of[node]
        if node in parent_of and state.get(node) == 1 and node != parent_of[node]:
            cycle = path[path.index(node) :]
            first = min(cycle, key=lambda n: where[n])
            shown = cycle if len(cycle) <= 8 else cycle[:4] + ["…"] + cycle[-3:]
            file, line = where[first]
            out.append(Problem(file, line, first, "parent", f"parent links form a cycle of {len(cycle)} rows: {' → '.join(shown)} → {cycle[0]}", "cycle"))
        for n in path:
            state[n] = 2
    return out


def check_same_as(table: Table) -> list[Problem]:
    """A restatement names an existing original (not itself, not another restatement), has a parent, and leaves
    the original's type (or repeats it), text, quote, paragraph and title empty."""
    out: list[Problem] = []
    by_id: dict[str, dict[str, str]] = {}
    for row in table.rows:
        by_id.setdefault(row["id"], row)
    hints = Hints(by_id)
    for row, file, line in zip(table.rows, table_files(table), table.lines):
        rid, target = row["id"], row.get("same_as", "")
        if not target:
            continue
        orig = by_id.get(target)
        found: list[tuple[str, str, str]] = []
        if target == rid:
            found.append(("same_as", "a row cannot restate itself", "same-as-self"))
        elif orig is None:
            found.append(("same_as", f"no row has id '{target}'{hints.hint(target)}", "same-as-missing"))
        elif orig.get("same_as"):
            found.append(
                ("same_as", f"'{target}' is itself a restatement (of '{orig['same_as']}'); name the original '{orig['same_as']}' instead", "same-as-chain")
            )
        elif row["type"] and row["type"] != orig["type"]:
            found.append(
                (
                    "type",
                    f"'{row['type']}' differs from the type of '{target}' ('{orig['type']}'); leave it empty: a restatement has its original's type",
                    "same-as-type",
                )
            )
        if not row["parent"]:
            found.append(("parent", f"is empty; a restatement of '{target}' says where else the statement bears, so it needs a parent", "same-as-root"))
        elif row["parent"] == target:
            found.append(("parent", f"a restatement cannot bear on its own original '{target}'", "same-as-own-original"))
        for column in ("text", "quote", "paragraph", "title"):
            if row.get(column, "").strip():
                found.append((column, f"must be empty in a restatement: the {column} is that of '{target}'", "same-as-copied"))
        out += [Problem(file, line, rid, column, message, code) for column, message, code in found]
    return out


def check_groups(table: Table) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, tuple[str, str, str]] = {}
    for row, file, line in zip(table.rows, table_files(table), table.lines):
        g = row.get("group", "")
        if not g:
            continue
        rid = row["id"]
        if not row["parent"]:
            out.append(Problem(file, line, rid, "group", f"a root cannot be a co-premise (group '{g}')", "group-root"))
            continue
        at = f"line {line}" if file == table.file else f"{file}:{line}"
        if g not in first:
            first[g] = (row["parent"], row["relation"], at)
            continue
        parent, relation, fat = first[g]
        if row["parent"] != parent:
            out.append(
                Problem(
                    file, line, rid, "group", f"co-premises of group '{g}' must share one parent: '{row['parent']}' here, '{parent}' on {fat}", "group-parent"
                )
            )
        elif row["relation"] != relation:
            out.append(
                Problem(
                    file,
                    line,
                    rid,
                    "group",
                    f"co-premises of group '{g}' must share one relation: '{row['relation']}' here, '{relation}' on {fat}",
                    "group-relation",
                )
            )
    return out
