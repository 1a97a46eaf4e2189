"""Reading JSON that came from elsewhere: hostile input refused in one line, and fields read with their types checked.

Nesting deeper than :data:`MAX_DEPTH`, numbers longer than :data:`MAX_DIGITS` characters, ``NaN``/``Infinity``,
and strings holding a lone UTF-16 surrogate are refused before any field is read.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError, read_input

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "Fields", "parse_json", "read_json"]

#: Deepest nesting of arrays and objects accepted (AIF and Argdown JSON need fewer than 20 levels).
MAX_DEPTH = 200
#: Longest number accepted, in characters.
MAX_DIGITS = 40


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    pass


def _number(kind: type) -> Any:
    def parse(text: str) -> Any:
        if len(text) > MAX_DIGITS:
            raise _Refused(f"holds a number of {len(text)} characters; numbers longer than {MAX_DIGITS} are refused")
        value = kind(text)
        if isinstance(value, float) and not math.isfinite(value):
            raise _Refused(f"holds the number {text}, which is out of range")
        return value

    return parse


def _constant(name: str) -> Any:
    raise _Refused(f"holds {name}, which is not JSON")


def _depth_first(data: Any) -> str | None:
    """The first reason to refuse the parsed value: too deep, or a string (or key) with a lone surrogate."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if m := _SURROGATE.search(value):
                return f"holds a lone surrogate (\\u{ord(m.group()):04x}) in a string, which is not Unicode text"
            continue
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                return f"is nested more than {MAX_DEPTH} levels deep"
            items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
            for k, v in items:
                if k is not None:
                    stack.append((k, depth))
                stack.append((v, depth + 1))
    return None


def parse_json(text: str, file: str) -> Any:
    """``text`` parsed as JSON; an :class:`ArgmapError` naming ``file`` for anything hostile or malformed.

    >>> parse_json('{"a": [1, "x"]}', "f.json")
    {'a': [1, 'x']}
    >>> parse_json('[' * 1000 + ']' * 1000, "f.json")
    Traceback (most recent call last):
    argmap.core.errors.ArgmapError: f.json: is nested more than 200 levels deep
    >>> parse_json('"\\\\ud800"', "f.json")
    Traceback (most recent call last):
    argmap.core.errors.ArgmapError: f.json: holds a lone surrogate (\\ud800) in a string, which is not Unicode text
    """
    try:
        data = json.loads(text, parse_int=_number(int), parse_float=_number(float), parse_constant=_constant)
    except json.JSONDecodeError as e:
        raise ArgmapError(f"{file}:{e.lineno}: not valid JSON ({e.msg}, column {e.colno})") from None
    except _Refused as e:
        raise ArgmapError(f"{file}: {e}") from None
    except RecursionError:
        raise ArgmapError(f"{file}: is nested more than {MAX_DEPTH} levels deep") from None
    reason = _depth_first(data)
    if reason:
        raise ArgmapError(f"{file}: {reason}")
    return data


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
