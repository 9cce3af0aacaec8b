"""The ``ecox`` command as a user meets it: exit codes, messages, output formats, stdin, laziness.

Subprocess tests run ``python -m ecox.cli`` as a shell would; the in-process ones
add a command to :data:`ecox.cli.COMMANDS` that fails on purpose.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from importlib.metadata import entry_points, version
from pathlib import Path

import click
import pandas as pd
import pytest

import ecox
from ecox.cli import COMMANDS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, main
from ecox.cli import ecox as ecox_group
from ecox.graph.errors import InputError
from tests.ecox_process import run_ecox

_ecox = run_ecox


@pytest.fixture(scope="module")
def graph_text() -> str:
    return ecox.to_json(ecox.seed())


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory, graph_text: str) -> Path:
    path = tmp_path_factory.mktemp("cli") / "g.json"
    path.write_text(graph_text, encoding="utf-8")
    return path


# --- the group ---------------------------------------------------------------------------


def test_version_prints_the_installed_version() -> None:
    done = _ecox("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"ecox, version {version('ecox')}"


def test_help_lists_every_command_and_each_loads() -> None:
    done = _ecox("--help")
    assert done.returncode == 0
    commands = done.stdout.split("Commands:\n")[1].splitlines()
    listed = [line.split()[0] for line in commands if line.startswith("  ") and line[2] != " "]
    assert listed == list(COMMANDS)
    for name, (_, short) in COMMANDS.items():
        command = ecox_group.get_command(click.Context(ecox_group), name)
        assert isinstance(command, click.Command), name
        assert (command.help or "").startswith(short), name


def test_help_and_import_load_neither_pandas_nor_networkx() -> None:
    script = (
        "import sys, ecox\n"
        "assert not {'pandas', 'networkx'} & set(sys.modules), 'import ecox'\n"
        "from ecox.cli import main\n"
        "assert main(['--help']) == 0 and main(['--version']) == 0\n"
        "assert not {'pandas', 'networkx'} & set(sys.modules), 'ecox --help'\n"
        "assert callable(ecox.brokers) and 'pandas' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_program_is_run_and_exits_with_the_status_of_main(graph_file: Path) -> None:
    (program,) = [e for e in entry_points(group="console_scripts") if e.name == "ecox"]
    assert program.value == "ecox.cli:run"  # main, then gc.freeze before the exit
    done = _ecox("info", graph_file, "--format", "csv")  # python -m ecox.cli: run() too
    assert done.returncode == 0 and done.stdout.startswith("group,name,count\nactors,all,")
    assert _ecox("brokers", graph_file, "--as-of", "yesterday").returncode == 2


def test_lazy_package_keeps_its_public_names() -> None:
    assert set(ecox.__all__) <= set(dir(ecox))
    for name in ecox.__all__:
        assert getattr(ecox, name) is not None, name
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = ecox.no_such_name  # type: ignore[attr-defined]


# --- exit codes and messages ---------------------------------------------------------------


def test_bad_input_is_one_line_and_exit_1(graph_file: Path, tmp_path: Path) -> None:
    for args in (
        ("render", graph_file, "-o", tmp_path / "v.html", "--view", "ego", "--focus", "无此人"),
        ("cypher", graph_file, "MATCH (a) WITH a SET a.x = 1 RETURN a.id"),
        ("info", tmp_path / "missing.json"),
    ):
        done = _ecox(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert done.stderr.startswith("ecox: ") and done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr
    assert "missing.json: No such file" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("brokers", "G", "--as-of", "yesterday"),
        ("brokers", "G", "--as-of", "2025-13-01"),
        ("triads", "G", "--as-of", "2025-02-30"),
        ("render", "G", "-o", "x.html", "--as-of", "25-01"),
    ],
)
def test_invalid_as_of_is_a_usage_error_naming_the_option(
    args: tuple[str, ...], graph_file: Path, tmp_path: Path
) -> None:
    done = _ecox(*[graph_file if a == "G" else a for a in args], cwd=tmp_path)
    assert done.returncode == 2
    assert "Invalid value for '--as-of'" in done.stderr and repr(args[-1]) in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_other_usage_errors_exit_2(graph_file: Path) -> None:
    for args in (
        ("brokers", graph_file, "--top", "0"),
        ("brokers", graph_file, "--nosuch"),
        ("brokers", graph_file, "--types", "Bank,Wizard"),
        ("brokers", graph_file, "--exact", "--sample", "3"),
        ("triads", graph_file, "--csv", "x.csv", "--format", "json"),
        ("nosuch",),
        ("path", graph_file, "甲"),
    ):
        assert main([str(a) for a in args]) == 2, args


def test_valid_dates_are_accepted(graph_file: Path) -> None:
    for date in ("2025", "2025-11", "2024-02-29"):
        assert main(["triads", str(graph_file), "--as-of", date, "--top", "1"]) == 0


def _boom() -> None:
    raise RuntimeError("deliberate bug")


def _bad_input() -> None:
    raise InputError("rows.csv:3: column 'type': no such type")


def _interrupted() -> None:
    raise KeyboardInterrupt


@pytest.fixture
def failing_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, function in (("boom", _boom), ("bad", _bad_input), ("stop", _interrupted)):
        monkeypatch.setattr(
            sys.modules[__name__], f"cmd_{name}", click.command(name)(function), raising=False
        )
        monkeypatch.setitem(COMMANDS, name, (f"{__name__}:cmd_{name}", f"fails ({name})"))


def test_internal_error_shows_traceback_and_asks_for_a_report(
    failing_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["boom"]) == EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "RuntimeError: deliberate bug" in err
    assert err.strip().splitlines()[-1].startswith("ecox: internal error")
    assert "report it" in err and "issue tracker" in err


def test_ecox_error_is_one_line_unless_debug(
    failing_commands: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bad"]) == EXIT_INPUT == 1
    assert capsys.readouterr().err == "ecox: rows.csv:3: column 'type': no such type\n"
    assert main(["--debug", "bad"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and err.endswith("ecox: rows.csv:3: column 'type': no such type\n")


def test_ctrl_c_exits_130(failing_commands: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stop"]) == EXIT_INTERRUPTED == 130
    assert capsys.readouterr().err.strip() == "ecox: interrupted"


# --- output formats, -o, stdin -------------------------------------------------------------


def test_formats_carry_the_same_rows(graph_file: Path) -> None:
    as_json = json.loads(_ecox("brokers", graph_file, "--top", "3", "--format", "json").stdout)
    as_csv = pd.read_csv(
        io.StringIO(_ecox("brokers", graph_file, "--top", "3", "--format", "csv").stdout)
    )
    table = _ecox("brokers", graph_file, "--top", "3").stdout
    names = [row["name"] for row in as_json]
    assert len(names) == 3 and list(as_csv["name"]) == names
    assert set(as_csv.columns) == set(as_json[0]) and "reason" in as_csv.columns
    assert table.splitlines()[0].split()[:3] == ["name", "type", "degree"]
    assert all(name in table for name in names)


def test_dash_means_stdout_and_o_writes_a_file(graph_file: Path, tmp_path: Path) -> None:
    via_o = _ecox("triads", graph_file, "--format", "csv", "-o", "-", cwd=tmp_path)
    via_csv = _ecox("triads", graph_file, "--csv", "-", cwd=tmp_path)
    assert via_o.returncode == via_csv.returncode == 0
    assert via_o.stdout == via_csv.stdout and via_o.stdout.startswith("enterprise,")
    assert not (tmp_path / "-").exists()
    done = _ecox("triads", graph_file, "--json", "-o", tmp_path / "t.json")
    assert done.returncode == 0 and done.stdout == ""
    written = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert len(written) == len(pd.read_csv(io.StringIO(via_o.stdout)))


def test_graph_from_stdin(graph_file: Path, graph_text: str) -> None:
    from_file = _ecox("info", graph_file, "--json")
    from_stdin = _ecox("info", "-", "--json", stdin=graph_text)
    assert from_stdin.returncode == 0 and from_stdin.stdout == from_file.stdout
    assert json.loads(from_stdin.stdout)["actors"] == 101
    broken = _ecox("triads", "-", stdin="{not json")
    assert broken.returncode == 1 and broken.stderr.startswith("ecox: <stdin>:")


def test_info_formats(graph_file: Path) -> None:
    table = _ecox("info", graph_file).stdout
    rows = pd.read_csv(io.StringIO(_ecox("info", graph_file, "--format", "csv").stdout))
    assert table.startswith("101 actors, 117 claims")
    assert rows.set_index(["group", "name"])["count"][("claims", "LENT_TO")] == 9


def test_brokers_types_and_intermediaries(graph_file: Path) -> None:
    def types(*extra: str) -> list[str]:
        done = _ecox("brokers", graph_file, "--json", *extra)
        assert done.returncode == 0, done.stderr
        return [row["type"] for row in json.loads(done.stdout)]

    every = types()
    banks = types("--types", "Bank", "--top", "2")
    assert banks == ["Bank", "Bank"]
    both = types("--types", "Bank,Fund")
    assert set(both) == {"Bank", "Fund"} and len(both) == sum(t in ("Bank", "Fund") for t in every)
    middle = set(types("--intermediaries"))
    assert middle <= {"Bank", "Platform", "Park", "Government", "Fund", "Investor"}
    assert "Enterprise" in every and "Enterprise" not in middle


def test_the_command_writes_files_only_through_write_output() -> None:
    """One writer (ecox.output.write_output) for every file the command writes."""
    writes = re.compile(
        r"write_atomic\(|\.write_text\(|\.write_bytes\(|\.to_csv\([^)]|open\([^)]*['\"][wax]"
    )
    package = Path(ecox.__file__).parent
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(package.glob("*.py"))
        if path.name != "output.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if writes.search(line)
    ]
    assert offenders == []
