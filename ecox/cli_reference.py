"""The ``ecox`` command reference (docs/cli.md), generated from the click commands.

``python -m ecox.cli_reference > docs/cli.md`` rewrites it; a test fails when the
file differs from what the commands generate.

Examples
--------
>>> text = reference()
>>> text.startswith("# ecox command reference")
True
>>> "## ecox neo4j push" in text and "--as-of DATE" in text
True
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from ecox.cli import ecox

__all__ = ["reference"]

#: Help pages are wrapped at this width, whatever the terminal.
WIDTH = 92

_HEADER = """\
# ecox command reference

Generated from the commands by `python -m ecox.cli_reference > docs/cli.md`
(tests/test_cli_reference.py fails when this page is out of date).

Exit status of every command: 0 done; 1 bad input (one line `ecox: <message>` on
stderr); 2 usage error (an unknown option, a missing argument, an invalid
`--as-of`); 3 internal error (a bug: the traceback and a request to report it);
130 interrupted.

Query commands (brokers, triads, census, gaps, path, syndicates, chains, helix,
cypher, info) write their result with `--format table|csv|json` to `-o FILE`
(default `-`, standard output); `--csv FILE` is `--format csv -o FILE` and
`--json` is `--format json`. A `GRAPH.json` argument of `-` reads the graph
from standard input.
"""


def _pages(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, str]]:
    yield ctx.command_path, command.get_help(ctx)
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            sub_ctx = click.Context(sub, info_name=name, parent=ctx)
            yield from _pages(sub, sub_ctx)


def reference() -> str:
    """The Markdown reference: every command's help page, ``ecox`` first."""
    root = click.Context(
        ecox,
        info_name="ecox",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **ecox.context_settings,
    )
    parts = [_HEADER]
    for path, text in _pages(ecox, root):
        parts.append(f"## {path}\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
