"""Reading text files whose encoding is detected, not assumed.

UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark and
GBK/GB18030 (as Chinese Excel writes) are recognised; anything else is an
error that names the line of the first undecodable byte.

Examples
--------
>>> decode_bytes("科技金融".encode("gbk"), "t.csv")
'科技金融'
>>> decode_bytes(b"\\xef\\xbb\\xbfid,name", "t.csv")
'id,name'
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ecox.loaders.errors import SchemaError

__all__ = ["decode_bytes", "read_text"]


def decode_bytes(data: bytes, file: str | os.PathLike[str]) -> str:
    """Decode file content, trying UTF-8, UTF-16 (by BOM) and GB18030 in turn."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise SchemaError(str(file), None, None, "binary data, not a text table or report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise SchemaError(
                str(file),
                line,
                None,
                f"undecodable bytes at byte {utf8_error.start} (not UTF-8, UTF-16 or GBK/GB18030)",
            ) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode a text file; ``SchemaError`` if it is empty or undecodable."""
    data = Path(path).read_bytes()
    if not data.strip():
        raise SchemaError(str(path), None, None, "the file is empty")
    text = decode_bytes(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")
