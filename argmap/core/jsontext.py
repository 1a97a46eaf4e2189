"""JSON that came from outside (a file, a request): parsed with hostile input refused in one line naming where it came from.

Nesting deeper than ``max_depth``, numbers longer than ``max_digits`` characters, ``NaN``/``Infinity``, and strings
(or keys) holding a lone UTF-16 surrogate are refused, as is JSON that does not parse. One implementation for the
source's metadata, the data package, imported AIF and Argdown JSON, and the live session's requests.

>>> parse_json('{"a": [1, "x"]}', "f.json")
{'a': [1, 'x']}
>>> parse_json('[' * 1000 + ']' * 1000, "f.json")
Traceback (most recent call last):
argmap.core.errors.ArgmapError: f.json: is nested more than 200 levels deep
>>> parse_json('{"front_matter_blocks": ' + "9" * 5000 + "}", "meta.json", what="metadata", max_digits=20)
Traceback (most recent call last):
argmap.core.errors.ArgmapError: meta.json: metadata holds a number of 5,000 characters; numbers longer than 20 are refused
>>> parse_json('"\\\\ud800"', "f.json")
Traceback (most recent call last):
argmap.core.errors.ArgmapError: f.json: holds a lone surrogate (\\ud800) in a string, which is not Unicode text
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from argmap.core.errors import ArgmapError

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "parse_json"]

#: Deepest nesting of arrays and objects accepted by default (AIF and Argdown JSON need fewer than 20 levels).
MAX_DEPTH = 200
#: Longest number accepted by default, in characters.
MAX_DIGITS = 40

_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    pass


def parse_json(text: str | bytes, file: str, *, what: str = "", max_depth: int = MAX_DEPTH, max_digits: int = MAX_DIGITS) -> Any:
    """``text`` parsed as JSON; an :class:`ArgmapError` naming ``file`` (and ``what``, e.g. "metadata") for anything
    hostile or malformed."""
    subject = f"{what} " if what else ""

    def number(kind: type) -> Any:
        def parse(digits: str) -> Any:
            if len(digits) > max_digits:
                raise _Refused(f"{subject}holds a number of {len(digits):,} characters; numbers longer than {max_digits} are refused")
            value = kind(digits)
            if isinstance(value, float) and not math.isfinite(value):
                raise _Refused(f"{subject}holds the number {digits}, which is out of range")
            return value

        return parse

    def constant(name: str) -> Any:
        raise _Refused(f"{subject}holds {name}, which is not JSON")

    try:
        data = json.loads(text, parse_int=number(int), parse_float=number(float), parse_constant=constant)
    except json.JSONDecodeError as e:
        raise ArgmapError(f"{file}:{e.lineno}: {subject}{'is ' if what else ''}not valid JSON ({e.msg}, column {e.colno})") from None
    except _Refused as e:
        raise ArgmapError(f"{file}: {e}") from None
    except RecursionError:
        raise ArgmapError(f"{file}: {subject}is nested more than {max_depth} levels deep") from None
    except UnicodeDecodeError as e:
        raise ArgmapError(f"{file}: {subject}is not UTF-8 (byte 0x{e.object[e.start]:02x} at offset {e.start})") from None
    reason = _depth_first(data, max_depth)
    if reason:
        raise ArgmapError(f"{file}: {subject}{reason}")
    return data


def _depth_first(data: Any, max_depth: int) -> str | None:
    """The first reason to refuse the parsed value: too deep, or a string (or key) with a lone surrogate."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if m := _SURROGATE.search(value):
                return f"holds a lone surrogate (\\u{ord(m.group()):04x}) in a string, which is not Unicode text"
            continue
        if isinstance(value, (dict, list)):
            if depth > max_depth:
                return f"is nested more than {max_depth} levels deep"
            items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
            for k, v in items:
                if k is not None:
                    stack.append((k, depth))
                stack.append((v, depth + 1))
    return None
