"""The pages' words: one message catalogue, Chinese first, English on request.

Every string a page shows comes from the YAML files in ``viz/messages/`` (one file per
part of the product), each key holding its ``zh`` and ``en`` text with ``{field}``
placeholders. :func:`message` picks the language and fills the fields.

Examples
--------
>>> message("lang.name", "zh")
'中文'
>>> message("lang.name", "en")
'English'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "catalogue", "message"]

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from ecox.graph.errors import InputError

#: libyaml's safe loader when PyYAML was built with it (ten times faster), else PyYAML's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Languages every message has; the first is the default.
LANGUAGES = ("zh", "en")


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message, ``key → {"zh": …, "en": …}``, read from the package's YAML files."""
    merged: dict[str, dict[str, str]] = {}
    for item in sorted(files("ecox.viz").joinpath("messages").iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        for key, texts in (yaml.load(item.read_text(encoding="utf-8"), _LOADER) or {}).items():
            if key in merged:
                raise ValueError(f"message {key!r} is defined twice (again in {item.name})")
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise ValueError(f"message {key!r} in {item.name} has no {', '.join(missing)}")
            merged[key] = {lang: str(texts[lang]) for lang in LANGUAGES}
    return merged


def message(key: str, lang: str = "zh", **fields: Any) -> str:
    """The text of ``key`` in ``lang`` with ``fields`` filled in.

    Raises
    ------
    InputError
        ``lang`` is not one of :data:`LANGUAGES`.
    """
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    text = catalogue()[key][lang]
    return text.format(**fields) if fields else text
