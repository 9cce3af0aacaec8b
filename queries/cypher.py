"""Cypher as the analyst writes it: one entry point, and files of several queries.

:func:`run_cypher` answers a read-only Cypher query on a claim graph with the
embedded engine (:mod:`queries.embedded_cypher`: LadybugDB with Neo4j's semantics)
or on any :class:`~queries.backend.Backend` (Neo4j included), as a DataFrame whose
columns are the ``RETURN`` items in order, named as Neo4j names them.
:func:`split_queries` cuts a text of ``;``-separated queries (a ``-f`` file, a shell
buffer) into its queries; a ``;`` inside a string, a quoted name or a comment is
no separator.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     [("甲基金", ["Fund"], []), ("乙公司", ["Enterprise"], []), ("丙公司", ["Enterprise"], [])],
...     [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "amount": 5e6},
...      {"source": "甲基金", "target": "丙公司", "type": "INVESTED_IN"}])
>>> run_cypher(g, "MATCH (f:Fund)-[:INVESTED_IN]->(e:Enterprise) "
...               "RETURN e.name AS company ORDER BY company")
  company
0     丙公司
1     乙公司
>>> queries, rest = split_queries("MATCH (a) RETURN a.name; // the names\\n"
...                               "RETURN 'a;b' AS s;\\nMATCH (b)")
>>> [(q.line, q.text) for q in queries], rest.text, rest.line
([(1, 'MATCH (a) RETURN a.name'), (2, "RETURN 'a;b' AS s")], 'MATCH (b)', 3)
"""

from __future__ import annotations

__all__ = ["QueryText", "run_cypher", "split_queries"]

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ecox.graph.claims import ClaimGraph
    from ecox.queries.backend import Backend


def run_cypher(
    graph_or_backend: ClaimGraph | Backend,
    query: str,
    params: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Run a read-only Cypher query; one row per result, columns in RETURN order.

    Parameters
    ----------
    graph_or_backend : ClaimGraph or Backend
        A claim graph (runs on the embedded engine, its store built once and cached) or
        a backend (:class:`queries.backend.InMemoryBackend` or ``Neo4jBackend``).
    query : str
        Cypher as for Neo4j; ``$name`` refers to ``params[name]``.
    params : mapping, optional
        Parameter values (strings, numbers, booleans, None, lists of those).

    Returns
    -------
    pandas.DataFrame
        Nodes and relationships come back as dicts of their properties, paths as lists
        of node dicts.

    Raises
    ------
    CypherSyntaxError
        Not Cypher, an undefined variable or a parameter without a value; the message
        quotes the analyst's line with a caret under the column.
    CypherFeatureRefused
        A write, ``LOAD CSV`` or a feature the embedded engine cannot run as Neo4j does
        (one line naming it and what to write instead).

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("甲", ["Bank"], []), ("乙", ["Enterprise"], [])],
    ...                      [{"source": "甲", "target": "乙", "type": "LENT_TO"}])
    >>> run_cypher(g, "MATCH (b:Bank)-[:LENT_TO]->(e) WHERE e.name = $n RETURN count(*) AS n",
    ...            {"n": "乙"})
       n
    0  1
    """
    from ecox.graph.claims import ClaimGraph

    if not isinstance(graph_or_backend, ClaimGraph):
        return graph_or_backend.cypher(query, params)
    from ecox.queries.embedded_cypher import run

    return run(graph_or_backend, query, params)


@dataclass(frozen=True)
class QueryText:
    """One query of a text of several: its text (trimmed) and where it starts (1-based)."""

    text: str
    line: int
    column: int = 1

    def in_place(self) -> str:
        """The text preceded by blank lines and spaces up to where it starts, so that the line
        and column of an error in it are those of the whole text.

        >>> QueryText("RETRUN 1", 3, 5).in_place()
        '\\n\\n    RETRUN 1'
        """
        return "\n" * (self.line - 1) + " " * (self.column - 1) + self.text


def split_queries(text: str) -> tuple[list[QueryText], QueryText | None]:
    """The queries of ``text`` ended by ``;``, and the unfinished rest (None if only blanks).

    Strings (``'…'``, ``"…"`` with backslash escapes), quoted names (`` `…` ``) and
    comments (``// …``, ``/* … */``) are read over, so a ``;`` inside them separates
    nothing; a piece holding only blanks and comments is no query.

    Examples
    --------
    >>> queries, rest = split_queries("RETURN 1; /* ; */ ;  RETURN `a;` // ;")
    >>> [q.text for q in queries], rest
    (['RETURN 1'], QueryText(text='RETURN `a;` // ;', line=1, column=22))
    >>> split_queries("RETURN 'it\\\\'s;")[1].text  # the string is still open
    "RETURN 'it\\\\'s;"
    >>> split_queries("RETURN 1; /* still open ;")[1].text
    '/* still open ;'
    """
    queries: list[QueryText] = []
    first_code, i = -1, 0
    while i < len(text):
        ch, pair = text[i], text[i : i + 2]
        if pair == "//":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if pair == "/*":
            end = text.find("*/", i + 2)
            if end < 0 and first_code < 0:  # an open comment: the rest is unfinished
                first_code = i
            i = len(text) if end < 0 else end + 2
            continue
        if ch == ";":
            if first_code >= 0:
                queries.append(_piece(text, first_code, i))
            first_code, i = -1, i + 1
            continue
        if not ch.isspace() and first_code < 0:
            first_code = i
        i = _after_quoted(text, i) if ch in "'\"`" else i + 1
    rest = _piece(text, first_code, len(text)) if first_code >= 0 else None
    return queries, rest


def _after_quoted(text: str, i: int) -> int:
    """The offset after the string or quoted name opening at ``i`` (the end if unclosed)."""
    quote, j = text[i], i + 1
    while j < len(text):
        if text[j] == "\\" and quote != "`":
            j += 2
        elif text[j] == quote:
            return j + 1
        else:
            j += 1
    return len(text)


def _piece(text: str, first_code: int, end: int) -> QueryText:
    line_start = text.rfind("\n", 0, first_code) + 1
    return QueryText(
        text[first_code:end].rstrip(),
        text.count("\n", 0, first_code) + 1,
        first_code - line_start + 1,
    )
