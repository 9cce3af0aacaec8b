"""Options and arguments shared by the ``ecox`` commands, each defined once.

``--as-of DATE`` (checked), ``--top N`` (positive), ``--lang zh|en`` (the pages'
language), the ``GRAPH.json`` argument (``-`` reads the graph from standard input),
for query commands the result
table's ``--format table|csv|json`` and ``-o FILE|-`` (with ``--csv FILE`` and
``--json`` as shorthands), and for Cypher the query parameters (``--param``) and
the Neo4j connection (``--uri`` …). Nothing here imports pandas: ``ecox --help`` stays fast.

Examples
--------
>>> check_date("2025-02")
'2025-02'
>>> check_date("2025-13-01")
Traceback (most recent call last):
...
ValueError: '2025-13-01' is not a date: month must be in 1..12
>>> resolve_output(None, None, "out.csv", False)
TableOutput(format='csv', target='out.csv')
>>> resolve_output(None, "triads.JSON", None, False).format
'json'
>>> parse_params(["top=10", "a=a_1", "ratio=0.5", "name=x=y", 'names:=["甲", "乙"]'])
{'top': 10, 'a': 'a_1', 'ratio': 0.5, 'name': 'x=y', 'names': ['甲', '乙']}
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ecox.output import FORMATS, STDOUT, TableOutput

if TYPE_CHECKING:
    from ecox.graph.claims import ClaimGraph

__all__ = [
    "as_of_option",
    "check_date",
    "connection_options",
    "graph_argument",
    "lang_option",
    "param_option",
    "parse_params",
    "read_graph_argument",
    "resolve_output",
    "table_output",
    "top_option",
]

F = TypeVar("F", bound=Callable[..., Any])

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_date(text: str) -> str:
    """``text`` if it is a real date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, else ValueError."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date: {error}") from None
    return text


def _date_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_date(value)
    except ValueError as error:
        raise click.BadParameter(str(error), ctx=ctx, param=param) from None


def as_of_option(func: F) -> F:
    """``--as-of DATE``: only what was known by DATE (a claim's date, else its publication)."""
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        callback=_date_callback,
        help="only what was known by DATE (YYYY, YYYY-MM or YYYY-MM-DD)",
    )(func)


def top_option(help: str = "keep the first N rows") -> Callable[[F], F]:
    """``--top N``, a positive integer; ``help`` says what N counts."""
    return click.option("--top", type=click.IntRange(min=1), metavar="N", help=help)


#: Languages of the pages (those of ``ecox.viz.messages.LANGUAGES``; the first is the default).
PAGE_LANGUAGES = ("zh", "en")


def lang_option(func: F) -> F:
    """``--lang zh|en``: the language of a page's words (Chinese unless told otherwise)."""
    return click.option(
        "--lang",
        type=click.Choice(PAGE_LANGUAGES),
        default=PAGE_LANGUAGES[0],
        show_default=True,
        help="language of the page: zh (中文) or en (English)",
    )(func)


def graph_argument(func: F) -> F:
    """The ``GRAPH.json`` argument: a graph file written by ``ecox load``, or ``-``."""
    return click.argument("graph", metavar="GRAPH.json")(func)


def read_graph_argument(path: str) -> ClaimGraph:
    """The graph named by a ``GRAPH.json`` argument; ``-`` reads graph JSON from standard input."""
    from ecox.graph.errors import InputError
    from ecox.store.files import from_json, read_graph

    if path != STDOUT:
        return read_graph(path)
    try:
        return from_json(sys.stdin.read())
    except (ValueError, KeyError) as error:
        raise InputError(f"<stdin>: {error}") from error


def resolve_output(fmt: str | None, output: str | None, csv: str | None, json: bool) -> TableOutput:
    """One :class:`~ecox.output.TableOutput` from ``--format``, ``-o``, ``--csv`` and ``--json``."""
    if csv is not None:
        if fmt not in (None, "csv") or json or output is not None:
            raise click.UsageError("--csv FILE is --format csv -o FILE: give one or the other")
        return TableOutput("csv", csv)
    if json:
        if fmt not in (None, "json"):
            raise click.UsageError("--json is --format json: give one or the other")
        fmt = "json"
    return TableOutput(cast(Any, fmt or _suffix_format(output)), output or STDOUT)


def _suffix_format(output: str | None) -> str:
    """The format a file name asks for when ``--format`` is not given: ``.csv`` and
    ``.json`` files get CSV and JSON, anything else a readable table."""
    suffix = "" if output is None else output.lower().rsplit(".", 1)[-1]
    return suffix if suffix in ("csv", "json") else "table"


def table_output(func: F) -> F:
    """``--format``, ``-o``, ``--csv``, ``--json``, given to the command as ``out``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        out = resolve_output(
            kwargs.pop("fmt"), kwargs.pop("output"), kwargs.pop("csv"), kwargs.pop("json")
        )
        return func(*args, out=out, **kwargs)

    for decorate in reversed(
        (
            click.option(
                "--format",
                "fmt",
                type=click.Choice(FORMATS),
                help=(
                    "how to write the result: a readable table, CSV or JSON (default: "
                    "CSV or JSON for an -o file ending .csv or .json, else a table)"
                ),
            ),
            click.option(
                "-o", "--output", metavar="FILE|-", help="write the result to FILE (- = stdout)"
            ),
            click.option("--csv", metavar="FILE|-", help="same as --format csv -o FILE"),
            click.option("--json", is_flag=True, help="same as --format json"),
        )
    ):
        wrapper = decorate(wrapper)
    return cast(F, wrapper)


def param_option(func: F) -> F:
    """``--param NAME=VALUE`` / ``--param NAME:=JSON`` (repeatable), given as ``params``."""
    return click.option(
        "--param",
        "params",
        multiple=True,
        metavar="NAME=VALUE",
        help="query parameter $NAME; repeatable. NAME=VALUE: a number if VALUE is one, else "
        'text ("42" in double quotes stays text); NAME:=JSON: any JSON value, e.g. '
        'names:=\'["甲", "乙"]\', flag:=true, none:=null',
    )(func)


def parse_params(pairs: Sequence[str]) -> dict[str, Any]:
    """``--param`` values to query parameters (see :func:`param_option`).

    Examples
    --------
    >>> parse_params(['id="42"', "ok:=true", 'x:={"a": [1, 2.5]}'])
    {'id': '42', 'ok': True, 'x': {'a': [1, 2.5]}}
    >>> parse_params(["names:=[甲]"])
    Traceback (most recent call last):
    ...
    ecox.graph.errors.InputError: --param names:= is not JSON (Expecting value: ...): [甲]
    """
    from ecox.graph.errors import InputError

    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        as_json = key.endswith(":")
        key = key.removesuffix(":")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise InputError(f"--param expects NAME=VALUE or NAME:=JSON, got {pair!r}")
        parsed: Any = value
        if as_json:
            try:
                parsed = json.loads(value)
            except json.JSONDecodeError as error:
                raise InputError(f"--param {key}:= is not JSON ({error}): {value}") from None
        elif re.fullmatch(r"-?\d+", value):
            parsed = int(value)
        elif re.fullmatch(r"-?\d+\.\d*(?:[eE]-?\d+)?", value):
            parsed = float(value)
        elif len(value) >= 2 and value[0] == value[-1] == '"':
            parsed = value[1:-1]
        params[key] = parsed
    return params


def connection_options(func: F) -> F:
    """``--uri``, ``--user``, ``--password``, ``--database`` (defaults from NEO4J_* variables)."""
    for decorate in reversed(
        (
            click.option(
                "--uri",
                metavar="URI",
                help="bolt://host:7687, neo4j://host:7687 (cluster), neo4j+s://… (Aura); "
                "default NEO4J_URI",
            ),
            click.option(
                "--user", metavar="USER", help="user name (default NEO4J_USER, else neo4j)"
            ),
            click.option(
                "--password",
                metavar="PASSWORD",
                help="password (prefer NEO4J_PASSWORD: arguments are visible to others)",
            ),
            click.option(
                "--database",
                metavar="NAME",
                help="database name (default NEO4J_DATABASE, else the server's)",
            ),
        )
    ):
        func = decorate(func)
    return func
