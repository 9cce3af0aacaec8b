"""Safe writes: links, modes, owners, rejects files, signals, full disks and stdout."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ecox.graph.errors import StoreError
from ecox.store.files import to_csv_tables, to_json
from ecox.store.safe_write import note_input, write_output, write_outputs
from tests.ecox_process import run_ecox

ENTITIES = "id,name,types\nb1,瑞安农商银行,Bank\ne1,温州某公司,Enterprise\n"
RELATIONS = "source,target,type,amount\nb1,e1,LENT_TO,5\n"


def _data(folder: Path, relations: str = RELATIONS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.csv").write_text(ENTITIES, encoding="utf-8")
    (folder / "relations.csv").write_text(relations, encoding="utf-8")
    return folder


def test_a_symlinked_output_keeps_its_link_and_the_target_is_written(tmp_path: Path) -> None:
    _data(tmp_path / "data")
    (tmp_path / "real.json").write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to("real.json")
    done = run_ecox("load", "data", "-o", "link.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "link.json").is_symlink()
    assert os.readlink(tmp_path / "link.json") == "real.json"
    assert json.loads((tmp_path / "real.json").read_text(encoding="utf-8"))["format"]


def test_a_replaced_file_keeps_its_mode_and_owner(tmp_path: Path) -> None:
    _data(tmp_path / "data")
    out = tmp_path / "g.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    owner = (os.getuid(), os.getgid())
    if os.getuid() == 0:  # as root, give the file to someone else and see it stay theirs
        owner = (4321, 4321)
        os.chown(out, *owner)
    done = run_ecox("load", "data", "-o", "g.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    info = out.stat()
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert (info.st_uid, info.st_gid) == owner
    assert out.read_text(encoding="utf-8") != "old"


def test_rejects_never_deletes_a_file(tmp_path: Path) -> None:
    _data(tmp_path / "data")
    notes = tmp_path / "notes.csv"
    notes.write_text("mine\n", encoding="utf-8")
    done = run_ecox(
        "load", "data", "-o", "g.json", "--skip-invalid", "--rejects", "notes.csv", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "rejected 0 rows" in done.stderr
    assert notes.read_text(encoding="utf-8") == "file,line,column,reason,row\n"


def test_a_failed_skip_invalid_load_replaces_nothing(tmp_path: Path) -> None:
    _data(tmp_path / "data", RELATIONS + "b1,e1,LOVES,\n")
    (tmp_path / "g.json").write_text("old graph", encoding="utf-8")
    (tmp_path / "r").mkdir()
    done = run_ecox(
        "load", "data", "-o", "g.json", "--skip-invalid", "--rejects", "r", cwd=tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "ecox: r: not a regular file (a folder); write to a file, or '-' for standard output"
    ]
    assert (tmp_path / "g.json").read_text(encoding="utf-8") == "old graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "g.json", "r"]


def test_stdout_streams(tmp_path: Path) -> None:
    _data(tmp_path / "data")
    done = run_ecox("load", "data", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["claims"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_export_pair_is_all_or_nothing_on_a_full_disk(tmp_path: Path, seed_graph) -> None:  # type: ignore[no-untyped-def]
    """A file-size limit makes the second CSV fail: the old pair must stay as it was."""
    (tmp_path / "g.json").write_text(to_json(seed_graph), encoding="utf-8")
    old = {name: f"old {name}\n" for name in ("x_actors.csv", "x_claims.csv")}
    for name, text in old.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    sizes = {n: len(t.encode()) for n, t in to_csv_tables(seed_graph).items()}
    assert sizes["actors"] < sizes["claims"]
    limit = sizes["actors"] + 100

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = run_ecox("export", "g.json", "-o", "x.csv", cwd=tmp_path, preexec_fn=small_disk)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "ecox: x_claims.csv: cannot write (File too large); nothing was replaced"
    ]
    for name, text in old.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json", *sorted(old)]


SLOW_WRITE = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
    real_fsync(fd)
os.fsync = slow_fsync
from ecox.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_a_write_leaves_no_temporary_file(
    tmp_path: Path, signum: int, code: int
) -> None:
    _data(tmp_path / "data")
    (tmp_path / "g.json").write_text("old graph", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, "load", "data", "-o", "g.json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    assert [p.name for p in tmp_path.glob(".g.json.*.tmp")]
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == code
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) <= 1
    assert (tmp_path / "g.json").read_text(encoding="utf-8") == "old graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "g.json"]


def test_write_outputs_replaces_nothing_when_a_later_file_fails(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("old a", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_outputs({first: "new a", second: "lone \ud800 surrogate"})
    assert first.read_text(encoding="utf-8") == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_an_input_cannot_be_an_output(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("x\n", encoding="utf-8")
    (tmp_path / "hard.csv").hardlink_to(source)
    note_input(source)
    for target in (source, tmp_path / "hard.csv"):
        with pytest.raises(StoreError, match="one of the inputs"):
            write_output(target, "y")
    assert source.read_text(encoding="utf-8") == "x\n"


def test_two_outputs_naming_one_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "link.csv").symlink_to("a.csv")
    with pytest.raises(StoreError, match="same file"):
        write_outputs({tmp_path / "a.csv": "1", tmp_path / "link.csv": "2"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv"]


def test_terminal_tables_drop_bidi_controls(capsys: pytest.CaptureFixture[str]) -> None:
    from ecox.output import TableOutput

    frame = pd.DataFrame({"name": ["abc\u202edcba", "\u2067x\u2069"]})
    TableOutput().emit(frame)
    printed = capsys.readouterr().out
    assert "dcba" in printed
    assert not any(c in printed for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
