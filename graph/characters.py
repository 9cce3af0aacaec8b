"""Characters that hide, reorder or break text: found, removed or replaced in one place.

Names and values come from user files and news text. Invisible format
characters (zero-width space, soft hyphen, byte-order mark, bidirectional
controls) make two identical-looking names differ; bidirectional controls
reverse the rest of a displayed line; digits from other scripts (full-width,
Arabic-Indic, Devanagari …) look like numbers but are not ASCII; some
characters cannot appear in XML at all.

Examples
--------
>>> strip_invisible("瑞安\\u200b农商银行")
'瑞安农商银行'
>>> ascii_digits("２０２５－１１"), ascii_digits("١٢٣٤")
('2025-11', '1234')
>>> neutralise_bidi("abc\\u202edcba")
'abcdcba'
>>> xml_safe("a\\x01b")
'a\\ufffdb'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BIDI_CONTROLS", "ascii_digits", "neutralise_bidi", "strip_invisible", "xml_safe"]

#: Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the two marks.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_invisible(text: str) -> str:
    """``text`` without format characters (Cf: zero-width, BOM, bidi …) and control
    characters other than whitespace.

    >>> strip_invisible("\\ufeffA\\u00adB\\u2060C\\x01D\\tE")
    'ABCD\\tE'
    """
    if text.isprintable():  # no Cf and no Cc character: nothing to strip
        return text
    return "".join(c for c in text if not _invisible(c))


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and not char.isspace())


def ascii_digits(text: str) -> str:
    """NFKC-fold ``text`` (full-width forms) and write every decimal digit as ASCII.

    >>> ascii_digits("२०२५")
    '2025'
    """
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in folded
    )


def neutralise_bidi(text: str) -> str:
    """``text`` without bidirectional controls, so it cannot reorder what follows it.

    >>> neutralise_bidi("\\u2067evil\\u2069 name")
    'evil name'
    """
    return _BIDI.sub("", text)


def xml_safe(text: str) -> str:
    """Replace characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/F) by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)
