"""The machine a command runs on: how many CPUs and how much memory it may use, where
derived data is cached, how freed memory is kept.

>>> usable_cpus() >= 1
True
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
from pathlib import Path

__all__ = ["cache_dir", "one_heap", "reuse_freed_memory", "usable_cpus", "usable_memory"]

#: Blocks up to this size come from the C heap and stay there once freed (see
#: :func:`reuse_freed_memory`).
KEPT_BLOCK_BYTES = 1 << 30


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the system has one, as under
    ``taskset``; else every CPU of the machine)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def usable_memory() -> int | None:
    """Bytes of memory this process may use: the machine's physical memory, or its control
    group's limit (``memory.max``, as in a container) when lower; None where unknown.

    >>> usable_memory() is None or usable_memory() > 0
    True
    """
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return physical
    return min(physical, int(limit)) if limit.isdigit() else physical


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


def one_heap() -> bool:
    """Let every thread of the process allocate from glibc's main heap (``mallopt``: one
    arena). A worker thread's own arena grows in 64 MB pieces, so its larger arrays are
    mapped apart and unmapped when freed, the kernel zeroing every page again: at a
    million actors most of the system time of the threads of ``fill_candidates``.

    Only threads that first allocate after the call share the heap, and pyarrow starts
    one at import: the ``ecox`` program calls this before importing a command's modules
    (:func:`reuse_freed_memory` calls it too, for the threads started afterwards).
    Returns whether glibc took the setting.

    >>> one_heap() in (True, False)
    True
    """
    if platform.libc_ver()[0] != "glibc":
        return False
    m_arena_max = -8  # glibc's <malloc.h>
    return bool(ctypes.CDLL(None).mallopt(m_arena_max, 1))


def reuse_freed_memory() -> bool:
    """Keep freed memory in the process for the next array, instead of handing it back to
    the kernel, which zeroes every page again when the next temporary asks for it.

    A query at a million actors allocates and frees gigabytes of short-lived arrays; by
    default glibc maps each block above 32 MB apart and unmaps it when freed, and Arrow's
    mimalloc purges its free pages, so most of the query's system time is the kernel
    clearing pages. Here Arrow allocates from the C heap (``pyarrow.system_memory_pool``)
    and glibc keeps blocks up to :data:`KEPT_BLOCK_BYTES` (``mallopt``: mmap and trim
    thresholds) in one heap for the threads started from now on (:func:`one_heap`). The
    process keeps its high-water mark afterwards: meant for a command that runs queries
    and exits. Returns whether glibc took the setting (not on other C libraries; Arrow's
    pool is switched everywhere).

    >>> reuse_freed_memory() in (True, False)
    True
    """
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    if not one_heap():
        return False
    libc = ctypes.CDLL(None)
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's <malloc.h>
    return bool(
        libc.mallopt(m_mmap_threshold, KEPT_BLOCK_BYTES)
        and libc.mallopt(m_trim_threshold, KEPT_BLOCK_BYTES)
    )
