"""The machine a command runs on: how many CPUs it may use, where derived data is cached.

>>> usable_cpus() >= 1
True
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["cache_dir", "usable_cpus"]


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the system has one, as under
    ``taskset``; else every CPU of the machine)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cache_dir() -> Path:
    """Where derived data is cached: ``$ECOX_CACHE_DIR``, else the user cache folder.

    Linux: ``$XDG_CACHE_HOME/ecox`` (default ``~/.cache/ecox``); macOS
    ``~/Library/Caches/ecox``; Windows ``%LOCALAPPDATA%\\ecox``.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.get("ECOX_CACHE_DIR")
    >>> os.environ["ECOX_CACHE_DIR"] = "/tmp/ecox-doc-cache"
    >>> str(cache_dir())
    '/tmp/ecox-doc-cache'
    >>> if saved is None:
    ...     del os.environ["ECOX_CACHE_DIR"]
    ... else:
    ...     os.environ["ECOX_CACHE_DIR"] = saved
    """
    explicit = os.environ.get("ECOX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "ecox"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / "ecox"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "ecox"
