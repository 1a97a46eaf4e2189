"""Argdown text: one statement per row, tagged with its type, nested under its parent with <+, <- or <_."""

from __future__ import annotations

import json
import re

from argmap.core.model import ArgumentMap
from argmap.core.schema import schema

__all__ = ["ARROWS", "escape", "to_argdown", "undocumented_undercuts", "yaml_string"]

#: How each relation is written under the statement it bears on (incoming support, attack, undercut).
ARROWS = {"supports": "<+", "attacks": "<-", "undercuts": "<_"}

_ALWAYS = set("\\@#*_[]{}<>/")
# characters that the data block or a line cannot hold as they are; see yaml_string
_UNSAFE_IN_YAML = re.compile("[{}\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# text the Argdown parser would not give back exactly: line breaks, tabs, outer or doubled spaces
_NOT_INLINE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\ufeff]|^ | $|  ")
_STRUCTURE = ("id", "type", "text", "parent", "relation", "same_as")
_INHERITED = ("type", "text", "quote", "paragraph")
_SAFE_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.,'’()→-]{0,80}")


def escape(text: str) -> str:
    r"""``text`` with a backslash before every character Argdown would read as markup.

    Dots and colons are escaped only where they could start a shortcode such as ``.A.``;
    ``-`` and ``=`` only where a run of them could start a relation, inference or front matter.

    >>> print(escape("A #1 [see] <x> e.g. 10:30 -- a->b == c_d"))
    A \#1 \[see\] \<x\> e\.g. 10\:30 \-- a\-\>b \== c\_d
    """
    out = []
    for i, c in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if c in _ALWAYS or (c in ".:" and not nxt.isspace()) or (c == "-" and nxt in "->") or (c == "=" and nxt == "="):
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def yaml_string(value: str) -> str:
    r"""``value`` as a double-quoted YAML string that Argdown's data block can hold.

    >>> print(yaml_string('say "hi" {now} – ok'))
    "say \"hi\" \u007bnow\u007d – ok"
    """
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNSAFE_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _tag(word: str) -> str:
    return "#" + word if re.fullmatch(r"[A-Za-z0-9-]+", word) else "#(" + word.replace(")", "") + ")"


def _title(row: dict[str, str]) -> str:
    """A row's title in Argdown: its ``title`` column, else its id."""
    return row.get("title") or row["id"]


def _block(data: dict[str, str | list[dict[str, str]]]) -> str:
    def value(v: str | list[dict[str, str]]) -> str:
        if isinstance(v, str):
            return yaml_string(v)
        return "[" + ", ".join("{" + ", ".join(f"{k}: {yaml_string(x)}" for k, x in e.items()) + "}" for e in v) + "]"

    return "{" + ", ".join(f"{k}: {value(v)}" for k, v in data.items()) + "}" if data else ""


class _Writer:
    """Writes the map as Argdown trees. A linked reason, and a support whose inference is undercut, is an argument
    whose premise–conclusion structure (PCS) follows the tree that mentions it, then its premises' own trees."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.columns = schema("claims").names
        self.out: list[str] = []
        self.queue: list[tuple[str, str]] = []  # (conclusion row, group or "\0" + premise row) of PCS still to write
        self.args: dict[tuple[str, str], str] = {}  # the same key → argument title
        self.titles: set[str] = set()

    def undercut(self, rid: str) -> bool:
        return any(self.amap[c]["relation"] == "undercuts" for c in self.amap.children(rid))

    def reason_key(self, rid: str) -> tuple[str, str] | None:
        """The PCS a row is a premise of: a linked support, or a support whose inference is undercut."""
        row = self.amap[rid]
        if row.get("relation") != "supports" or not (row.get("group") or self.undercut(rid)):
            return None
        return row["parent"], row.get("group") or "\0" + rid

    def is_argument(self, rid: str) -> bool:
        """An attack or undercut whose inference is undercut is written as an argument (without PCS), which Argdown lets undercut."""
        row, amap = self.amap[rid], self.amap
        if (
            row.get("relation") not in ("attacks", "undercuts")
            or row.get("group")
            or amap.is_restatement(rid)
            or amap.restatements(rid)
            or not self.undercut(rid)
        ):
            return False
        return not any(self.reason_key(c) for c in amap.children(rid))  # not named as a statement by a PCS

    def data(self, rid: str) -> dict[str, str | list[dict[str, str]]]:
        """The data block: every column but the structure, the id when the title differs, and restatements' own columns."""
        row, amap = self.amap[rid], self.amap
        data: dict[str, str | list[dict[str, str]]] = {k: row[k] for k in self.columns if k not in _STRUCTURE and k != "title" and row.get(k, "") != ""}
        if _title(row) != rid:
            data["id"] = rid
        if self.parent_named(rid):
            data["parent"] = row["parent"]
        text = row.get("text", "")
        if _NOT_INLINE.search(text):
            data["text"] = text  # kept exactly in the data; the line shows it on one line
        entries = []
        for r in amap.restatements(rid):
            own = {k: amap[r][k] for k in self.columns if k not in (*_STRUCTURE, *_INHERITED, "title") and amap[r].get(k, "") != ""}
            entries.append({"id": r, "parent": amap[r]["parent"], "relation": amap[r]["relation"]} | own)
        if entries:
            data["restated"] = entries
        return data

    def parent_named(self, rid: str) -> bool:
        """Whether the parent row must be named: a restatement, or not the first premise of the inference undercut."""
        row, amap = self.amap[rid], self.amap
        parent = row.get("parent", "")
        if row.get("relation") == "undercuts":
            key = self.reason_key(parent)
            if key is not None:
                return self.members(key)[0] != parent
            return amap.is_restatement(parent) or bool(amap.restatements(parent))
        return bool(parent) and amap.is_restatement(parent)

    def members(self, key: tuple[str, str]) -> list[str]:
        return [c for c in self.amap.children(key[0]) if self.reason_key(c) == key]

    def line(self, rid: str) -> str:
        """A row's own text: a reference for a restatement, else title, text, tags and data."""
        row = self.amap[rid]
        if self.amap.is_restatement(rid):  # its own columns and parent are in the original's "restated" list
            return f"[{_title(self.amap[row['same_as']])}]"
        text = row.get("text", "")
        shown = escape(" ".join(text.split()) if _NOT_INLINE.search(text) else text)
        tags = [_tag(row["type"])]
        if row.get("origin") and row["origin"] != "article":
            tags.append(_tag(row["origin"]))
        head = f"<{_title(row)}>:" if self.is_argument(rid) else f"[{_title(row)}]:"
        return " ".join(part for part in (head, shown, *tags, _block(self.data(rid))) if part)

    def argument(self, key: tuple[str, str]) -> str:
        if key not in self.args:
            parent, group = key
            if group.startswith("\0"):
                group = f"{_title(self.amap[self.amap.statement_of(group[1:])])} → {_title(self.amap[self.amap.statement_of(parent)])}"
            title = group if _SAFE_TITLE.fullmatch(group) and group not in self.titles else f"reason {len(self.args) + 1}"
            self.titles.add(title)
            self.args[key] = title
            self.queue.append(key)
        return self.args[key]

    def tree(self, rid: str, depth: int, arrow: str = "") -> None:
        """``rid`` and, nested under it, the rows bearing on it (a PCS argument by its title)."""
        self.out.append("  " * depth + (arrow + " " if arrow else "") + self.line(rid))
        self.children(rid, depth + 1, undercuts=self.reason_key(rid) is None)

    def children(self, rid: str, depth: int, undercuts: bool = True) -> None:
        written = set()
        for c in self.amap.children(rid):
            if self.amap[c]["relation"] == "undercuts" and not undercuts:
                continue  # written under the argument of the inference
            key = self.reason_key(c)
            if key is None:
                self.tree(c, depth, ARROWS[self.amap[c]["relation"]])
            elif key not in written:
                written.add(key)
                self.out.append("  " * depth + f"<+ <{self.argument(key)}>")

    def reasons(self) -> None:
        """Each PCS queued by the trees: premises and conclusion by title, the undercuts of its inference,
        then each premise with what bears on it, as a tree of its own."""
        while self.queue:
            key = self.queue.pop(0)
            title, members = self.args[key], self.members(key)
            self.out += ["", f"<{title}>", ""]
            self.out += [f"({n}) [{_title(self.amap[self.amap.statement_of(m)])}]" for n, m in enumerate(members, 1)]
            self.out += ["----", f"({len(members) + 1}) [{_title(self.amap[self.amap.statement_of(key[0])])}]"]
            under = [c for m in members for c in self.amap.children(m) if self.amap[c]["relation"] == "undercuts"]
            if under:
                self.out += ["", f"<{title}>"]
                for u in under:
                    self.tree(u, 1, ARROWS["undercuts"])
            for m in members:
                if not self.amap.is_restatement(m) or any(self.amap[c]["relation"] != "undercuts" for c in self.amap.children(m)):
                    self.out.append("")
                    self.tree(m, 0)


def undocumented_undercuts(amap: ArgumentMap) -> list[str]:
    """Rows whose inference is undercut but that cannot be written as an argument (a linked attack, a restated
    attack, an attack that is also a PCS conclusion): their undercuts are written ``<_`` under the statement,
    which the Argdown CLI reads but does not document (and, after a PCS, may read as an undercut of that PCS)."""
    w = _Writer(amap)
    return [r for r in amap.ids if w.undercut(r) and w.reason_key(r) is None and not w.is_argument(r)]


def to_argdown(amap: ArgumentMap, title: str | None = None) -> str:
    """The map as Argdown: each root a top-level statement, each other row nested under its parent.

    Every column but the structure is kept in the statement's data block, so importing the JSON that the
    Argdown CLI makes of it gives the same rows back. A restatement is the original's title again (one
    statement for Argdown), its own columns kept in the original's ``restated`` list. A linked reason is an
    argument whose premise–conclusion structure names its premises and conclusion; an undercut attacks the
    inference of an argument (the linked reason, or the undercut row written as an argument), as Argdown documents.

    >>> m = ArgumentMap([
    ...     {"id": "T1", "type": "thesis", "text": "Act now", "parent": "", "relation": "", "origin": "article", "paragraph": "1"},
    ...     {"id": "O1", "type": "objection", "text": "Too costly", "parent": "T1", "relation": "attacks", "origin": "analyst"},
    ...     {"id": "T1.r1", "type": "", "text": "", "parent": "O1", "relation": "attacks", "origin": "analyst", "same_as": "T1"},
    ... ])
    >>> print(to_argdown(m, title="Demo"), end="")
    ===
    title: "Demo"
    ===
    <BLANKLINE>
    [T1]: Act now #thesis {paragraph: "1", origin: "article", restated: [{id: "T1.r1", parent: "O1", relation: "attacks", origin: "analyst"}]}
      <- [O1]: Too costly #objection #analyst {origin: "analyst"}
        <- [T1]
    """
    title = title if title is not None else (amap.source.title if amap.source is not None else "")
    w = _Writer(amap)
    w.out = ["===", "title: " + yaml_string(title).replace("=", "\\u003d"), "===", ""] if title else []  # no "===" inside
    for root in amap.roots():
        if w.out and w.out[-1] != "":
            w.out.append("")
        w.tree(root, 0)
        w.reasons()
    return "\n".join(w.out) + "\n"
