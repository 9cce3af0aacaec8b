"""``ecox shell``: an interactive Cypher prompt on a graph file (the embedded engine).

A query may run over several lines and ends with ``;``; each answer is printed as a
table. Lines starting with ``:`` are shell commands (:data:`COMMANDS`): ``:schema``
lists the labels, relationship types and properties with their counts, ``:param``
sets a ``$parameter``, ``:help`` and ``:quit``. On a terminal the prompt has line
editing and a history kept between sessions in the user's cache folder
(:func:`history_path`); from a pipe it reads the queries without prompting.

Examples
--------
::

    $ ecox shell graph.json
    ecox> MATCH (b:Bank)-[r:LENT_TO]->(e)
     ...> RETURN b.name AS bank, count(*) AS loans ORDER BY loans DESC;

>>> import ecox
>>> session = Shell(ecox.InMemoryBackend(ecox.seed()))
>>> session.feed(':param names:=["无此人"]')
True
>>> session.feed("MATCH (a) WHERE a.name IN $names")
True
>>> session.feed("RETURN count(*) AS n;")
 n
 0
True
>>> session.feed(":quit")
False
"""

from __future__ import annotations

__all__ = ["COMMANDS", "Shell", "history_path", "shell"]

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ecox.graph.errors import EcoxError
from ecox.options import graph_argument, param_option, parse_params, read_graph_argument
from ecox.output import TableOutput
from ecox.queries.cypher import split_queries

if TYPE_CHECKING:
    from ecox.queries.backend import Backend

#: Shell command → what it does (``:help`` prints these).
COMMANDS = {
    ":schema": "labels, relationship types and properties, with counts",
    ":param NAME=VALUE": "set $NAME (NAME:=JSON for lists, true, null …); :param alone lists them",
    ":help": "this list",
    ":quit": "leave (also :exit or Ctrl-D); Ctrl-C drops the query being typed",
}

_PROMPT, _MORE = "ecox> ", " ...> "
_SCHEMA_LABELS = "MATCH (a) UNWIND labels(a) AS label RETURN label, count(*) AS n ORDER BY label"
_SCHEMA_TYPES = (
    "MATCH ()-[r]->() RETURN type(r) AS relationship, count(*) AS n ORDER BY relationship"
)


def history_path() -> Path:
    """The shell's history file, in the cache folder (:func:`ecox.graph.cache.cache_dir`)."""
    from ecox.graph.cache import cache_dir

    return cache_dir() / "shell_history"


class Shell:
    """Reads queries and commands line by line and answers them on ``backend`` (to stdout;
    errors to stderr, shown as ``ecox cypher`` shows them).

    Parameters
    ----------
    backend : Backend
        Where the queries run.
    params : dict, optional
        The ``$parameters`` queries start with.
    """

    def __init__(self, backend: Backend, params: dict[str, Any] | None = None) -> None:
        self.backend = backend
        self.params: dict[str, Any] = dict(params or {})
        self.buffer = ""

    def feed(self, line: str) -> bool:
        """Take one line; answer the queries it completes. False once the user quits."""
        if not self.buffer.strip() and line.strip().startswith(":"):
            return self.command(line.strip()) is None
        self.buffer += line + "\n"
        queries, rest = split_queries(self.buffer)
        self.buffer = rest.text + "\n" if rest is not None else ""
        for query in queries:
            self.answer(query.text)
        return True

    def answer(self, query: str) -> None:
        """Run one query and print its table, or the error as ``ecox cypher`` shows it."""
        from ecox.cmd_cypher import show_error

        try:
            frame = self.backend.cypher(query, self.params)
        except EcoxError as error:
            show_error(error)
            return
        TableOutput("table", "-").emit(frame)

    def command(self, text: str) -> str | None:
        """Run a ``:command``; ``"quit"`` when it ends the shell, else None."""
        name, _, argument = text.partition(" ")
        if name in (":quit", ":exit", ":q"):
            return "quit"
        if name == ":help":
            width = max(map(len, COMMANDS))
            lines = [f"  {k.ljust(width)}  {v}" for k, v in COMMANDS.items()]
            click.echo("queries end with ;\n" + "\n".join(lines))
        elif name == ":schema":
            click.echo(self.schema(), nl=False)
        elif name == ":param":
            self.set_param(argument.strip())
        else:
            click.echo(f"ecox: unknown command {name} (:help lists them)", err=True)
        return None

    def set_param(self, argument: str) -> None:
        """``:param NAME=VALUE`` sets a parameter; ``:param`` alone lists them."""
        if not argument:
            for key, value in sorted(self.params.items()):
                click.echo(f"  ${key} = {value!r}")
            return
        try:
            self.params.update(parse_params([argument]))
        except EcoxError as error:
            click.echo(f"ecox: {error}", err=True)

    def schema(self) -> str:
        """Labels and relationship types with their counts, and the properties of each."""
        graph = self.backend.claim_graph()
        lines = ["labels (actors):"]
        for label, n in self.backend.cypher(_SCHEMA_LABELS).itertuples(index=False):
            lines.append(f"  :{label}  {n}")
        lines.append("relationship types (claims):")
        for rel, n in self.backend.cypher(_SCHEMA_TYPES).itertuples(index=False):
            lines.append(f"  :{rel}  {n}")
        hidden = {"source", "target", "type"}
        for what, pattern, var, columns in (
            ("actor", "(x)", "x", list(graph.actors.columns)),
            ("claim", "()-[x]->()", "x", [c for c in graph.claims.columns if c not in hidden]),
        ):
            items = ", ".join(f"count({var}.{c}) AS {c}" for c in columns)
            counts = self.backend.cypher(f"MATCH {pattern} RETURN {items}").iloc[0]
            shown = ", ".join(f"{c} ({counts[c]})" for c in columns)
            lines.append(f"properties of {what}s (values set): {shown}")
        return "\n".join(lines) + "\n"


def _interactive(session: Shell) -> None:
    """Prompt on the terminal with readline: line editing and a history kept between sessions."""
    import readline

    history = history_path()
    with contextlib.suppress(OSError):  # no history yet
        readline.read_history_file(history)
    readline.set_history_length(2000)
    try:
        while True:
            try:
                line = input(_MORE if session.buffer.strip() else _PROMPT)
            except KeyboardInterrupt:  # drop the query being typed
                click.echo("", err=True)
                session.buffer = ""
                continue
            except EOFError:
                click.echo("", err=True)
                return
            if not session.feed(line):
                return
    finally:
        history.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(history)


def _piped(session: Shell) -> None:
    """Read the lines of standard input without prompts; a last query may lack its ``;``."""
    for line in sys.stdin:
        if not session.feed(line.rstrip("\n")):
            return
    if session.buffer.strip():
        session.answer(session.buffer)


@click.command()
@graph_argument
@param_option
def shell(graph: str, params: tuple[str, ...]) -> None:
    """An interactive Cypher prompt on GRAPH.json (the embedded engine, read-only).
    End each query with ; (it may span lines). :schema lists labels, relationship types
    and properties; :help the commands; :quit leaves. Reads queries from a pipe too."""
    from ecox.queries.backend import InMemoryBackend

    session = Shell(InMemoryBackend(read_graph_argument(graph)), parse_params(params))
    if sys.stdin.isatty():
        click.echo(f"ecox shell on {graph}: end queries with ; (:help, :quit)", err=True)
        _interactive(session)
    else:
        _piped(session)
