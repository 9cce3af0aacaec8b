"""Query modules a page uses when this version has them, and says so when it does not.

Examples
--------
>>> optional_query("triads", "complete_triads").__name__
'complete_triads'
"""

from __future__ import annotations

__all__ = ["optional_query"]

import importlib
import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)


def optional_query(module: str, name: str) -> Callable[..., Any] | None:
    """``queries.<module>.<name>`` if this version has it, else ``None`` (logged).

    >>> optional_query("brokerage", "brokerage_roles").__name__
    'brokerage_roles'
    >>> optional_query("no_such_module", "f") is None
    True
    """
    try:
        loaded = importlib.import_module(f"ecox.queries.{module}")
    except ImportError as error:
        logger.info("queries.%s is not available: %s", module, error)
        return None
    found = getattr(loaded, name, None)
    if found is None:
        logger.info("queries.%s has no %s", module, name)
    return found
