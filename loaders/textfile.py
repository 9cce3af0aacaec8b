"""Reading text files whose encoding is proven, not guessed.

UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark
are decoded strictly. A file that is UTF-8 except for some lines (a row
appended by a Chinese Excel in GBK) is not re-read in another encoding: each
such line is an error naming the file and line (:func:`decode_lines` returns
them so a table loader can reject just those rows). GBK/GB18030 is tried only
when no line of the file is UTF-8 text beyond ASCII, and its result is accepted
only if it holds no private-use, unassigned or control characters, which a real
GBK table never decodes to.

Examples
--------
>>> decode_bytes("科技金融".encode("gbk"), "t.csv")
'科技金融'
>>> decode_bytes(b"\\xef\\xbb\\xbfid,name", "t.csv")
'id,name'
>>> mixed = "name\\n瑞安农商银行\\n".encode() + "温州银行\\n".encode("gbk")
>>> text, errors = decode_lines(mixed, "t.csv")
>>> text.splitlines(), str(errors[0])[:26]
(['name', '瑞安农商银行', ''], 't.csv:3: not UTF-8, unlike')
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

from ecox.loaders.errors import SchemaError
from ecox.store.safe_write import note_input

__all__ = ["decode_bytes", "decode_lines", "read_text", "read_text_lines"]

_UNLIKELY = {"Co", "Cn", "Cs"}


def _gb18030(data: bytes, file: str) -> str:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SchemaError(
            file, line, None, "undecodable bytes (not UTF-8, UTF-16 or GBK/GB18030)"
        ) from None
    for number, line_text in enumerate(text.split("\n"), start=1):
        for char in line_text:
            category = unicodedata.category(char)
            if category in _UNLIKELY or (category == "Cc" and char not in "\t\r"):
                raise SchemaError(
                    file,
                    number,
                    None,
                    f"read as GBK/GB18030 this line holds U+{ord(char):04X}, which real text "
                    "does not; save the file as UTF-8",
                )
    return text


def decode_lines(data: bytes, file: str | os.PathLike[str]) -> tuple[str, list[SchemaError]]:
    """Decode file content; lines that break an otherwise UTF-8 file come back as errors.

    Those lines are left empty in the text, so line numbers stay right. Errors
    that concern the whole file (binary data, neither UTF-8 nor GB18030) raise.
    """
    file = str(file)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise SchemaError(file, None, None, f"invalid UTF-16: {error.reason}") from None
    if b"\x00" in data[:4096]:
        raise SchemaError(file, None, None, "binary data, not a text table or report")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines: list[str] = []
    bad: list[int] = []
    utf8_beyond_ascii = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append("")
            bad.append(number)
        else:
            utf8_beyond_ascii = utf8_beyond_ascii or not raw.isascii()
    if not utf8_beyond_ascii:
        return _gb18030(data, file), []
    errors = [
        SchemaError(
            file, n, None, "not UTF-8, unlike the rest of the file (GBK?); save this line as UTF-8"
        )
        for n in bad
    ]
    return "\n".join(lines), errors


def decode_bytes(data: bytes, file: str | os.PathLike[str]) -> str:
    """Decode file content strictly; ``SchemaError`` names the first line that is wrong."""
    text, errors = decode_lines(data, file)
    if errors:
        raise errors[0]
    return text


def read_text_lines(path: str | os.PathLike[str]) -> tuple[str, list[SchemaError]]:
    """Read a text file as :func:`decode_lines` does (line ends become ``\\n``)."""
    note_input(path)
    data = Path(path).read_bytes()
    if not data.strip():
        raise SchemaError(str(path), None, None, "the file is empty")
    text, errors = decode_lines(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n"), errors


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode a text file; ``SchemaError`` if it is empty or undecodable."""
    text, errors = read_text_lines(path)
    if errors:
        raise errors[0]
    return text
