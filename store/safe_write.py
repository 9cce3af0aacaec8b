"""Writing output files so that nothing a user points ecox at is damaged.

Every file ecox writes goes through :func:`write_outputs` (or
:func:`write_output` for one file, where ``-`` means standard output):

- the target must be a regular file or not exist yet: devices (``/dev/null``),
  named pipes and folders are refused, never replaced;
- a symbolic link is followed: the file it points to is replaced, the link stays;
- a file read as an input in this process (:func:`note_input`, same inode) is
  refused, so ``ecox load deals.csv -o deals.csv`` cannot overwrite its input;
- a read-only file is refused, and a replaced file keeps its mode bits and owner;
- data goes to hidden temporary files next to the targets, and only when every
  one of them is complete are they moved into place, so a full disk, an error or
  SIGTERM/SIGINT (which remove the temporary files) leaves every target as it was.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_outputs({folder / "a.csv": "id\\n1\\n", folder / "b.csv": b"id\\n2\\n"})
>>> sorted(p.name for p in folder.iterdir())
['a.csv', 'b.csv']
>>> try:
...     write_output(folder, "x")
... except StoreError as error:
...     print(str(error).replace(str(folder), "FOLDER"))
FOLDER: not a regular file (a folder); write to a file, or '-' for standard output
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TypeVar

from ecox.graph.errors import StoreError

__all__ = ["STDOUT", "note_input", "write_output", "write_outputs"]

#: The output name that means standard output.
STDOUT = "-"

_INPUTS: set[tuple[int, int]] = set()
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)

PathLike = str | os.PathLike[str]
_P = TypeVar("_P", bound=PathLike)


def note_input(path: PathLike) -> None:
    """Remember ``path`` (by device and inode) as an input no output may replace."""
    try:
        status = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(status.st_mode):
        _INPUTS.add((status.st_dev, status.st_ino))


@dataclass(frozen=True)
class _Target:
    """Where one output lands: the real file behind any link, and what is there now."""

    given: Path
    real: Path
    existing: os.stat_result | None

    @classmethod
    def check(cls, path: PathLike) -> _Target:
        given = Path(path)
        if given.is_symlink():
            real = Path(os.path.realpath(given))
        else:
            real = given
            try:
                real.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"{given}: cannot make its folder ({error.strerror})") from None
        try:
            existing: os.stat_result | None = os.stat(real)
        except FileNotFoundError:
            existing = None
        except OSError as error:
            raise StoreError(f"{given}: cannot write here ({error.strerror})") from None
        if existing is None:
            if not real.parent.is_dir():
                raise StoreError(f"{given}: the folder {real.parent} does not exist")
            return cls(given, real, None)
        for test, kind in _KINDS:
            if test(existing.st_mode):
                raise StoreError(
                    f"{given}: not a regular file ({kind}); "
                    f"write to a file, or '{STDOUT}' for standard output"
                )
        if (existing.st_dev, existing.st_ino) in _INPUTS:
            raise StoreError(f"{given}: is one of the inputs; choose another output file")
        if not os.access(real, os.W_OK):
            raise StoreError(f"{given}: the file is read-only; nothing was written")
        return cls(given, real, existing)

    def fill(self, temporary: str, data: str | bytes) -> None:
        """Write ``data`` to the temporary file, with the mode and owner of the target."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        with open(temporary, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if self.existing is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            return
        os.chmod(temporary, stat.S_IMODE(self.existing.st_mode))
        made = os.stat(temporary)
        owner = (self.existing.st_uid, self.existing.st_gid)
        if (made.st_uid, made.st_gid) != owner:
            try:
                os.chown(temporary, *owner)
            except PermissionError:
                raise StoreError(
                    f"{self.given}: cannot keep the file's owner or group; nothing was written"
                ) from None


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _signals_unwind() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``SystemExit`` meanwhile, so ``finally`` blocks run."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) == signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _terminate)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def write_outputs(files: Mapping[_P, str | bytes]) -> None:
    """Write every file or none: check all targets, fill temporary files, then move them.

    Text is written as UTF-8; an output named ``-`` goes to standard output
    after every file is in place. ``StoreError`` names the first target that
    cannot be written; no target is touched in that case.
    """
    streams = [data for path, data in files.items() if str(path) == STDOUT]
    paths = [path for path in files if str(path) != STDOUT]
    targets = [_Target.check(path) for path in paths]
    reals = [t.real for t in targets]
    if len(set(reals)) != len(reals):
        raise StoreError(f"two outputs name the same file: {', '.join(map(str, paths))}")
    temporaries: list[str] = []
    with _signals_unwind():
        try:
            for target, path in zip(targets, paths, strict=True):
                try:
                    handle, temporary = tempfile.mkstemp(
                        dir=target.real.parent, prefix=f".{target.real.name}.", suffix=".tmp"
                    )
                    temporaries.append(temporary)
                    os.close(handle)
                    target.fill(temporary, files[path])
                except OSError as error:
                    raise StoreError(
                        f"{target.given}: cannot write ({error.strerror}); nothing was replaced"
                    ) from None
            for target, temporary in zip(targets, temporaries, strict=True):
                os.replace(temporary, target.real)
        finally:
            for temporary in temporaries:
                Path(temporary).unlink(missing_ok=True)
    for data in streams:
        _stream(data)


def _stream(data: str | bytes) -> None:
    """Write to standard output: bytes as they are, or as text where standard output
    takes text only (a caller's ``io.StringIO``, a notebook)."""
    if isinstance(data, bytes) and not hasattr(sys.stdout, "buffer"):
        data = str(data, "utf-8")
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
        sys.stdout.flush()


def write_output(path: PathLike, data: str | bytes) -> None:
    """Write one output (``-``: standard output) as :func:`write_outputs` does."""
    write_outputs({path: data})
