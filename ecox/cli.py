"""The ``ecox`` command: one click group whose subcommands load on first use.

:data:`COMMANDS` maps each subcommand to the function that implements it
(``module:function``) and its one-line help, so ``ecox --help`` and
``ecox --version`` import neither pandas nor networkx.

Exit status: 0 done; 1 bad input (an :class:`~ecox.graph.errors.EcoxError`, or a
file that cannot be read or written), printed as one line ``ecox: <message>``;
2 usage (an unknown option, a missing argument, an invalid ``--as-of``);
3 an internal error (a bug: the traceback and a request to report it);
130 interrupted (Ctrl-C).

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
ecox, version ...
0
>>> main(["brokers", "g.json", "--as-of", "yesterday"])  # a usage error, explained on stderr
2
"""

from __future__ import annotations

import gc
import importlib
import inspect
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

import click

__all__ = ["COMMANDS", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "ecox", "main", "run"]

#: Subcommand → (``module:function``, one-line help), in the order ``ecox --help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "load": ("ecox.cmd_graph:load", "load tables, deal records or reports into a graph"),
    "info": ("ecox.cmd_graph:info", "counts of actors by type and claims by relation"),
    "export": ("ecox.cmd_graph:export", "export to GraphML, GEXF or CSV tables"),
    "update": ("ecox.cmd_update:update", "merge new reports or tables into a graph"),
    "diff": ("ecox.cmd_update:diff", "what changed between two graphs (table or page)"),
    "demo": ("ecox.cmd_graph:demo", "run everything on the seed ecosystem (or INPUTs)"),
    "brokers": (
        "ecox.cmd_brokers:brokers",
        "who bridges the ecosystem (betweenness, Burt, brokerage roles)",
    ),
    "triads": (
        "ecox.cmd_gaps:triads",
        "scientist–entrepreneur–capital ventures (三位一体), complete or one short",
    ),
    "census": ("ecox.cmd_gaps:census", "typed triad census: open and closed paths"),
    "gaps": ("ecox.cmd_gaps:gaps", "who could fill a triad, who is left out, holes"),
    "path": ("ecox.cmd_brokers:path", "查关系: how two actors are connected"),
    "syndicates": (
        "ecox.cmd_brokers:syndicates",
        "investors, funds and banks backing the same ventures",
    ),
    "chains": ("ecox.cmd_brokers:chains", "fund-of-funds chains down to enterprises"),
    "helix": ("ecox.cmd_brokers:helix", "Triple Helix synergy T(UIG) per region or park"),
    "render": ("ecox.cmd_views:render", "one network view as an offline HTML page"),
    "report": ("ecox.cmd_views:report", "the operator report as an offline HTML page"),
    "extract": (
        "ecox.cmd_extract:extract",
        "propose actors and relationships (with evidence) from report texts",
    ),
    "review": (
        "ecox.cmd_review:review",
        "a page to accept, reject, retype or add extracted relationships",
    ),
    "cypher": (
        "ecox.cmd_cypher:cypher",
        "run Cypher on a graph file (embedded engine) or on Neo4j",
    ),
    "shell": (
        "ecox.cmd_shell:shell",
        "an interactive Cypher prompt on a graph file (:schema, history)",
    ),
    "neo4j": ("ecox.cmd_neo4j:neo4j", "push a graph to Neo4j or pull it back"),
}

EXIT_INPUT = 1
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_REPORT_REQUEST = (
    "ecox: internal error (a bug in ecox, not in your input); please report it on the "
    "ecox issue tracker with the command you ran and the traceback above"
)


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand runs."""

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.lazy)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy:
            return None
        target, short_help = self.lazy[cmd_name]
        module, _, name = target.partition(":")
        from ecox.graph.machine import one_heap

        one_heap()  # before the command's modules import pyarrow, which starts a thread
        command = getattr(importlib.import_module(module), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        if command.short_help is None:  # first use: the one-line help heads the command's help
            command.short_help = short_help
            details = inspect.cleandoc(command.help or "")
            command.help = f"{short_help}\n\n{details}" if details else short_help
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the subcommands from :data:`COMMANDS` without importing them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_, short) in self.lazy.items()])

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; turn what it raises into a message and an exit status."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:  # every other error ends here, with its exit status
            ctx.exit(_report(error, debug=bool(ctx.params.get("debug"))))


def _report(error: Exception, *, debug: bool) -> int:
    """Print ``error`` for the user; the exit status it calls for."""
    from ecox.graph.errors import EcoxError

    if isinstance(error, BrokenPipeError):  # the reader (head, less) stopped reading: fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if isinstance(error, EcoxError | OSError):
        if debug:
            traceback.print_exception(error)
        if isinstance(error, OSError) and error.filename is not None:
            message = f"{error.filename}: {error.strerror or error}"
        else:
            message = " ".join(str(error).split()) or type(error).__name__
        click.echo(f"ecox: {message}", err=True)
        return EXIT_INPUT
    traceback.print_exception(error)
    click.echo(_REPORT_REQUEST, err=True)
    return EXIT_INTERNAL


def _configure_logging(ctx: click.Context, param: click.Parameter, debug: bool) -> bool:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    return debug


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="ecox", prog_name="ecox")
@click.option(
    "--debug",
    is_flag=True,
    callback=_configure_logging,
    help="show tracebacks and debug logs",
)
def ecox(debug: bool) -> None:
    """Innovation-ecosystem explorer: typed claim graphs, brokers, triads, gaps.

    Exit status: 0 done, 1 bad input, 2 usage error, 3 internal error (please
    report it), 130 interrupted. GRAPH.json is a file written by `ecox load`,
    or - to read it from standard input.
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ecox`` with ``argv`` (default: the process's arguments); return the exit status."""
    try:
        status = ecox.main(
            args=list(argv) if argv is not None else None, prog_name="ecox", standalone_mode=False
        )
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("ecox: interrupted", err=True)
        return EXIT_INTERRUPTED
    return status if isinstance(status, int) else 0


def run() -> NoReturn:
    """The ``ecox`` program: :func:`main` on the process's arguments, then exit with its
    status. Whatever is still alive is first frozen out of the cyclic garbage collector
    (:func:`gc.freeze`): the collections of interpreter shutdown would otherwise go
    through pandas' objects and everything the command made, about 0.3–0.6 s after
    ``ecox extract`` on 1 MB of text had written its tables (objects are still freed as
    usual; only cycles left at exit are not collected)."""
    status = main()
    gc.freeze()
    sys.exit(status)


if __name__ == "__main__":
    run()
