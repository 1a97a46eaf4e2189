"""The Table Schemas that are the single source of each CSV's columns and vocabularies."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["INHERITED", "WHEN_USED", "Field", "Schema", "schema"]

#: The claims columns a restatement (a row with ``same_as``) leaves empty: they are its original's.
INHERITED = ("type", "text", "quote", "paragraph", "title")
#: Optional columns a new file's header leaves out and a writer adds only when some row fills them (a file
#: without them reads them as empty, like every optional column left out).
WHEN_USED = ("title",)


@dataclass(frozen=True)
class Field:
    """One column of a Table Schema."""

    name: str
    type: str
    title: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    #: A date column's form: ``iso-partial``, ``iso-span`` (see :mod:`argmap.core.dates`); None for other columns.
    format: str | None = None


@dataclass(frozen=True)
class Schema:
    """A Frictionless Table Schema, read from ``argmap/schemas/NAME.json``.

    >>> s = schema("claims")
    >>> s.names[:3]
    ('id', 'type', 'text')
    >>> "objection" in s.field("type").enum
    True
    """

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: str | None
    foreign_keys: tuple[tuple[str, str], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def usual(self) -> tuple[str, ...]:
        """The columns of a new file's header: all but those written only when used (:data:`WHEN_USED`)."""
        return tuple(n for n in self.names if n not in WHEN_USED)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def to_markdown(self) -> str:
        """The data dictionary as a Markdown table (it goes into the README)."""
        lines = ["| column | type | required | allowed values | description |", "|---|---|---|---|---|"]
        for f in self.fields:
            if f.enum:
                allowed = ", ".join(f"`{v}`" for v in f.enum)
            elif f.minimum is not None and f.maximum is not None:
                allowed = f"integer {f.minimum}–{f.maximum}"
            elif f.minimum is not None:
                allowed = f"integer ≥ {f.minimum}"
            elif f.pattern:
                allowed = f"pattern `{f.pattern}`"
            else:
                allowed = ""
            cells = [f"`{f.name}`", f.type, "yes" if f.required else "", allowed, f.description]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        return "\n".join(lines) + "\n"


def _field(d: dict) -> Field:
    c = d.get("constraints", {})
    return Field(
        name=d["name"],
        type=d.get("type", "string"),
        title=d.get("title", d["name"]),
        description=d.get("description", ""),
        required=bool(c.get("required", False)),
        unique=bool(c.get("unique", False)),
        enum=tuple(c["enum"]) if "enum" in c else None,
        pattern=c.get("pattern"),
        minimum=c.get("minimum"),
        maximum=c.get("maximum"),
        format=d.get("format") if d.get("format") not in (None, "default") else None,
    )


@cache
def schema(name: str = "claims") -> Schema:
    """Load the named Table Schema shipped with the package."""
    text = resources.files("argmap").joinpath("schemas", f"{name}.json").read_text(encoding="utf-8")
    d = json.loads(text)
    fks = tuple((fk["fields"], fk["reference"]["fields"]) for fk in d.get("foreignKeys", []))
    return Schema(
        name=name,
        title=d.get("title", name),
        description=d.get("description", ""),
        fields=tuple(_field(f) for f in d["fields"]),
        primary_key=d.get("primaryKey"),
        foreign_keys=fks,
    )
