"""Argdown text: one statement per row, tagged with its type, nested under its parent with <+, <- or <_."""

from __future__ import annotations

import json
import re

from argmap.core.model import ArgumentMap
from argmap.core.schema import schema

__all__ = ["ARROWS", "escape", "shown_titles", "to_argdown", "usable_title", "yaml_string"]

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
# a title the Argdown parser reads back exactly (no brackets, no line breaks, no outer spaces, not a reference to "-")
_SAFE_ROW_TITLE = re.compile(r"[^\s\[\]<>\-](?:[^\[\]<>\x00-\x1f\x7f-\x9f\u2028\u2029]{0,198}[^\s\[\]<>])?")
_GENERATED = re.compile(r"Untitled \d+")  # the titles Argdown gives untitled statements


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


def usable_title(title: str) -> bool:
    """Whether Argdown gives ``title`` back as written inside ``[…]`` or ``<…>`` (else the row's id stands in for it).

    >>> [usable_title(t) for t in ("Statement 1", "Cost [2024]", "-x", "Untitled 3", " a", "a  b")]
    [True, False, False, False, False, True]
    """
    return bool(_SAFE_ROW_TITLE.fullmatch(title)) and not _GENERATED.fullmatch(title)


def shown_titles(amap: ArgumentMap) -> dict[str, str]:
    """Each statement's title in Argdown: its ``title`` column when Argdown keeps it and no other statement's
    title or id is the same, else its id (ids are unique and no title used equals an id, so none collide)."""
    ids = set(amap.ids)
    wanted = {s: amap[s].get("title", "") for s in amap.statements()}
    count: dict[str, int] = {}
    for t in wanted.values():
        count[t] = count.get(t, 0) + 1
    return {s: t if t and usable_title(t) and count[t] == 1 and (t == s or t not in ids) else s for s, t in wanted.items()}


def _block(data: dict[str, str | list[dict[str, str]]]) -> str:
    def value(v: str | list[dict[str, str]]) -> str:
        if isinstance(v, str):
            return yaml_string(v)
        return "[" + ", ".join("{" + ", ".join(f"{k}: {yaml_string(x)}" for k, x in e.items()) + "}" for e in v) + "]"

    return "{" + ", ".join(f"{k}: {value(v)}" for k, v in data.items()) + "}" if data else ""


class _Writer:
    """Writes the map as Argdown trees. A linked reason, a support whose inference is undercut, and an attack or
    undercut whose inference is undercut but that cannot be an argument of its own (co-premises, a restatement, a
    statement some PCS names) is an argument whose premise–conclusion structure (PCS) follows the tree that
    mentions it, then its premises' own trees."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.columns = schema("claims").names
        self.shown = shown_titles(amap)
        self.out: list[str] = []
        self.queue: list[tuple[str, str]] = []  # (conclusion row, group or "\0" + premise row) of PCS still to write
        self.args: dict[tuple[str, str], str] = {}  # the same key → argument title
        self.titles: set[str] = {self.shown[r] for r in amap.ids if self.is_argument(r)}  # argument titles in use
        self.statement_titles = set(self.shown.values())

    def title(self, rid: str) -> str:
        """The Argdown title of a row's statement."""
        return self.shown[self.amap.statement_of(rid)]

    def undercut(self, rid: str) -> bool:
        return any(self.amap[c]["relation"] == "undercuts" for c in self.amap.children(rid))

    def reason_key(self, rid: str) -> tuple[str, str] | None:
        """The PCS a row is a premise of: a linked support, or a support whose inference is undercut."""
        row = self.amap[rid]
        if row.get("relation") != "supports" or not (row.get("group") or self.undercut(rid)):
            return None
        return row["parent"], row.get("group") or "\0" + rid

    def carried_key(self, rid: str) -> tuple[str, str] | None:
        """The PCS that carries an attack or undercut whose inference is undercut, when the row cannot be an
        argument itself: its premises, then a conclusion of argmap's own (``{argmap: attacks}`` or ``undercuts`` in its data) that
        attacks or undercuts what the row bears on, so the undercut has an argument's inference to attack."""
        row, amap = self.amap[rid], self.amap
        if row.get("relation") not in ("attacks", "undercuts") or self.is_argument(rid):
            return None
        group = row.get("group", "")
        members = [c for c in amap.children(row["parent"]) if c == rid or (group and amap[c].get("group") == group)]
        if not any(self.undercut(m) for m in members):
            return None
        return row["parent"], group or "\0" + rid

    def key(self, rid: str) -> tuple[str, str] | None:
        return self.reason_key(rid) or self.carried_key(rid)

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
        """The data block: every column but the structure, the id when the title differs, the title when Argdown's
        cannot hold it, and restatements' own columns."""
        row, amap = self.amap[rid], self.amap
        data: dict[str, str | list[dict[str, str]]] = {k: row[k] for k in self.columns if k not in _STRUCTURE and k != "title" and row.get(k, "") != ""}
        if self.shown[rid] != rid:
            data["id"] = rid
        if row.get("title") and (row["title"] != self.shown[rid] or row["title"] == rid):
            data["title"] = row["title"]
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
            key = self.key(parent)
            if key is not None:
                return self.members(key)[0] != parent
            return amap.is_restatement(parent) or bool(amap.restatements(parent))
        return bool(parent) and amap.is_restatement(parent)

    def members(self, key: tuple[str, str]) -> list[str]:
        return [c for c in self.amap.children(key[0]) if self.key(c) == key]

    def line(self, rid: str) -> str:
        """A row's own text: a reference for a restatement, else title, text, tags and data."""
        row = self.amap[rid]
        if self.amap.is_restatement(rid):  # its own columns and parent are in the original's "restated" list
            return f"[{self.title(rid)}]"
        text = row.get("text", "")
        shown = escape(" ".join(text.split()) if _NOT_INLINE.search(text) else text)
        tags = [_tag(row["type"])]
        if row.get("origin") and row["origin"] != "article":
            tags.append(_tag(row["origin"]))
        head = f"<{self.shown[rid]}>:" if self.is_argument(rid) else f"[{self.shown[rid]}]:"
        return " ".join(part for part in (head, shown, *tags, _block(self.data(rid))) if part)

    def argument(self, key: tuple[str, str]) -> str:
        if key not in self.args:
            parent, group = key
            if group.startswith("\0"):  # one premise: named after its two statements (by title, else by id), which import reads as no group
                row, stmt = group[1:], self.amap.statement_of
                group = f"{self.title(row)} → {self.title(parent)}"
                if not _SAFE_TITLE.fullmatch(group):
                    group = f"{stmt(row)} → {stmt(parent)}"
            title = group if _SAFE_TITLE.fullmatch(group) and group not in self.titles else f"reason {len(self.args) + 1}"
            while title in self.titles:
                title += "'"
            self.titles.add(title)
            self.args[key] = title
            self.queue.append(key)
        return self.args[key]

    def tree(self, rid: str, depth: int, arrow: str = "") -> None:
        """``rid`` and, nested under it, the rows bearing on it (a PCS argument by its title)."""
        self.out.append("  " * depth + (arrow + " " if arrow else "") + self.line(rid))
        self.children(rid, depth + 1, undercuts=self.key(rid) is None)

    def children(self, rid: str, depth: int, undercuts: bool = True) -> None:
        written = set()
        for c in self.amap.children(rid):
            relation = self.amap[c]["relation"]
            if relation == "undercuts" and not undercuts:
                continue  # written under the argument of the inference
            key = self.key(c)
            if key is None:
                self.tree(c, depth, ARROWS[relation])
            elif key not in written:
                written.add(key)
                self.out.append("  " * depth + f"{ARROWS[relation]} <{self.argument(key)}>")

    def conclusion(self, key: tuple[str, str], title: str, members: list[str]) -> str:
        """The PCS's conclusion: the statement supported, or, for an attack or undercut, one of argmap's own."""
        if self.reason_key(members[0]) is not None:
            return f"[{self.title(key[0])}]"
        relation = self.amap[members[0]]["relation"]
        name = f"{title} (conclusion)"
        while name in self.statement_titles:
            name += "'"
        self.statement_titles.add(name)
        premises = " and ".join(self.title(m) for m in members)
        said = f"the step from {self.title(key[0])} to {self.title(self.amap[key[0]]['parent'])}" if relation == "undercuts" else self.title(key[0])
        text = f"{premises} {relation if len(members) == 1 else relation[:-1]} {said}"
        return f"[{name}]: {escape(text)} {_block({'argmap': relation})}"

    def reasons(self) -> None:
        """Each PCS queued by the trees: premises and conclusion by title, the undercuts of its inference,
        then each premise with what bears on it, as a tree of its own."""
        while self.queue:
            key = self.queue.pop(0)
            title, members = self.args[key], self.members(key)
            self.out += ["", f"<{title}>", ""]
            self.out += [f"({n}) [{self.title(m)}]" for n, m in enumerate(members, 1)]
            self.out += ["----", f"({len(members) + 1}) {self.conclusion(key, title, members)}"]
            under = [c for m in members for c in self.amap.children(m) if self.amap[c]["relation"] == "undercuts"]
            if under:
                self.out += ["", f"<{title}>"]
                written = set()
                for u in under:
                    k = self.key(u)
                    if k is None:
                        self.tree(u, 1, ARROWS["undercuts"])
                    elif k not in written:
                        written.add(k)
                        self.out.append(f"  {ARROWS['undercuts']} <{self.argument(k)}>")
            for m in members:
                if not self.amap.is_restatement(m) or any(self.amap[c]["relation"] != "undercuts" for c in self.amap.children(m)):
                    self.out.append("")
                    self.tree(m, 0)


def to_argdown(amap: ArgumentMap, title: str | None = None) -> str:
    """The map as Argdown: each root a top-level statement, each other row nested under its parent.

    Every column but the structure is kept in the statement's data block, so importing the JSON that the
    Argdown CLI makes of it gives the same rows back. A statement's title is its ``title`` column when Argdown
    can hold it, else its id. A restatement is the original's title again (one statement for Argdown), its own
    columns kept in the original's ``restated`` list. A linked reason is an argument whose premise–conclusion
    structure names its premises and conclusion; an undercut attacks the inference of an argument (the linked
    reason, the undercut row written as an argument, or an argument carrying a linked or restated attack), as
    Argdown documents.

    >>> m = ArgumentMap([
    ...     {"id": "T1", "type": "thesis", "text": "Act now", "parent": "", "relation": "", "origin": "article", "paragraph": "1"},
    ...     {"id": "O1", "type": "objection", "text": "Too costly", "parent": "T1", "relation": "attacks", "origin": "analyst", "title": "Cost"},
    ...     {"id": "T1.r1", "type": "", "text": "", "parent": "O1", "relation": "attacks", "origin": "analyst", "same_as": "T1"},
    ... ])
    >>> print(to_argdown(m, title="Demo"), end="")
    ===
    title: "Demo"
    ===
    <BLANKLINE>
    [T1]: Act now #thesis {paragraph: "1", origin: "article", restated: [{id: "T1.r1", parent: "O1", relation: "attacks", origin: "analyst"}]}
      <- [Cost]: Too costly #objection #analyst {origin: "analyst", id: "O1"}
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
