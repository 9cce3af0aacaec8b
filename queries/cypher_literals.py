r"""String literals and comments in Cypher text: quoting values, masking literals.

:func:`prepare <ecox.queries.cypher.prepare>` rewrites a query with regular
expressions; it first masks string literals (so a ``MATCH`` inside a string is never
rewritten) and drops comments, and unmasks them at the end.

Examples
--------
>>> masked, saved = mask_literals("MATCH (a) WHERE a.name = 'x // y' // note\nRETURN a")
>>> masked
'MATCH (a) WHERE a.name = \x000\x00  \nRETURN a'
>>> unmask_literals(masked, saved)
'MATCH (a) WHERE a.name = "x // y"  \nRETURN a'
"""

from __future__ import annotations

__all__ = ["cypher_literal", "mask_literals", "unmask_literals"]

import json
import math
import re
from typing import Any

import numpy as np


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a parameter value (double-quoted, escaped strings).

    Examples
    --------
    >>> print(cypher_literal('it\\'s "x" \\\\ 中'))
    "it's \\"x\\" \\\\ 中"
    >>> cypher_literal([1, "a", None, True])
    '[1, "a", null, true]'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        if not math.isfinite(float(value)):
            raise ValueError(f"cannot pass {value!r} as a Cypher parameter")
        return repr(float(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise ValueError(f"cannot pass a {type(value).__name__} as a Cypher parameter")


_STRING = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`", re.S)
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def mask_literals(query: str) -> tuple[str, list[str]]:
    """Replace string literals by placeholders ``\x00N\x00`` and drop comments."""
    saved: list[str] = []
    out = []
    pos = 0
    pattern = re.compile(_STRING.pattern + "|" + _COMMENT.pattern, re.S)
    for m in pattern.finditer(query):
        out.append(query[pos : m.start()])
        token = m.group(0)
        if token.startswith(("//", "/*")):
            out.append(" ")
        else:
            if token.startswith("'"):
                token = json.dumps(_unquote_single(token), ensure_ascii=False)
            out.append(f"\x00{len(saved)}\x00")
            saved.append(token)
        pos = m.end()
    out.append(query[pos:])
    return "".join(out), saved


def _unquote_single(token: str) -> str:
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def unmask_literals(text: str, saved: list[str]) -> str:
    """Put the literals saved by :func:`mask_literals` back in place of their placeholders."""
    return re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], text)
