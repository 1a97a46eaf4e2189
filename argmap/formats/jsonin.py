"""Reading JSON that came from elsewhere: hostile input refused in one line (by :func:`argmap.core.jsontext.parse_json`,
before any field is read), and fields read with their types checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError, read_input
from argmap.core.jsontext import parse_json

__all__ = ["Fields", "read_json"]


def read_json(path: str | Path) -> Any:
    """The parsed JSON of ``path``; an :class:`ArgmapError` naming the file when it is missing, not UTF-8, not JSON or hostile."""
    file = str(path)
    raw = read_input(path, "file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArgmapError(f"{file}: not UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start})") from None
    return parse_json(text, file)


class Fields:
    """Typed reads of one JSON object's fields; a wrong type raises an :class:`ArgmapError` naming ``where``.

    >>> f = Fields({"id": 3, "text": "t", "tags": "thesis"}, "m.json", "node #1")
    >>> f.text("id"), f.text("text"), f.text("missing")
    ('3', 't', '')
    >>> f.array("tags")
    Traceback (most recent call last):
    argmap.core.errors.ArgmapError: m.json: node #1: 'tags' must be a list, not a string
    """

    _NAMES = {str: "a string", int: "a number", float: "a number", bool: "true or false", list: "a list", dict: "an object", type(None): "null"}

    def __init__(self, obj: Any, file: str, where: str) -> None:
        self.file, self.where = file, where
        if not isinstance(obj, dict):
            self.fail(f"must be an object, not {self.name(obj)}")
        self.obj: dict[str, Any] = obj

    @classmethod
    def name(cls, value: Any) -> str:
        return cls._NAMES.get(type(value), type(value).__name__)

    def fail(self, message: str) -> None:
        raise ArgmapError(f"{self.file}: {self.where}: {message}")

    def has(self, key: str) -> bool:
        return key in self.obj and self.obj[key] is not None

    def text(self, key: str, default: str = "") -> str:
        """A string field (a number or boolean is read as its text); null or missing is ``default``."""
        value = self.obj.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (str, int, float)):
            return str(value)
        self.fail(f"'{key}' must be a string, not {self.name(value)}")
        return default

    def number(self, key: str) -> int:
        value = self.obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"'{key}' must be a whole number, not {self.name(value)}")
            return 0
        return value

    def array(self, key: str) -> list[Any]:
        value = self.obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"'{key}' must be a list, not {self.name(value)}")
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.obj.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(f"'{key}' must be an object, not {self.name(value)}")
        return value

    def sub(self, key: str, where: str | None = None) -> Fields:
        """The object in field ``key`` as :class:`Fields` (an empty one when missing)."""
        return Fields(self.mapping(key), self.file, where or f"{self.where}: '{key}'")
